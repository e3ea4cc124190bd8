import type { Subcategory } from '../vocab/categories/index.js';

/** Positions of a product's name words in its subcategory's lists. */
export const NAME_WORD = { brand: 0, modifier: 1, productType: 2, variant: 3 } as const;

// Small words that may repeat in a name without reading as a stutter ("Return to the ... of the").
const SMALL_WORDS = new Set(['a', 'an', 'and', 'by', 'for', 'in', 'of', 'the', 'to', 'with']);

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9']+/).filter((word) => word !== '' && !SMALL_WORDS.has(word)));
}

function shareAWord(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const word of a) if (b.has(word)) return true;
  return false;
}

/**
 * Which name words of a subcategory would repeat a word if put in one name ("Caldera Modern Mid-Century
 * Modern Sofa", "Travel Camera - Travel Kit"): one bit matrix per pair of word lists, built once per
 * worker, so a draw can skip such combinations with a few array reads instead of string work.
 */
export class NameClashes {
  private readonly lists: readonly (readonly string[])[];
  /** Index `a * 4 + b` (a < b): a matrix of lists a x b, 1 where the two words share a word. */
  private readonly matrices: (Uint8Array | undefined)[] = [];

  /** `withBrand` false for books, whose titles leave the imprint out. */
  constructor(sub: Subcategory, withBrand: boolean) {
    this.lists = [withBrand ? sub.brands : [], sub.modifiers, sub.productTypes, sub.variants];
    const words = this.lists.map((list) => list.map(wordsOf));
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        const left = words[a] as Set<string>[];
        const right = words[b] as Set<string>[];
        const matrix = new Uint8Array(Math.max(1, left.length * right.length));
        left.forEach((l, i) => right.forEach((r, j) => (matrix[i * right.length + j] = shareAWord(l, r) ? 1 : 0)));
        this.matrices[a * 4 + b] = matrix;
      }
    }
  }

  /** Whether word `index` of list `list` repeats a word of the words already chosen in `chosen` (lists < list). */
  clashes(list: number, index: number, chosen: Int32Array, chosenLists: readonly number[]): boolean {
    for (let at = 0; at < chosenLists.length; at++) {
      const other = chosenLists[at] as number;
      if (other < list ? this.pairClashes(other, chosen[other] as number, list, index) : this.pairClashes(list, index, other, chosen[other] as number)) {
        return true;
      }
    }
    return false;
  }

  /** Whether word i of list a and word j of list b (a < b) share a word. */
  private pairClashes(a: number, i: number, b: number, j: number): boolean {
    const width = (this.lists[b] as readonly string[]).length;
    return width > 0 && (this.lists[a] as readonly string[]).length > 0 && (this.matrices[a * 4 + b] as Uint8Array)[i * width + j] === 1;
  }
}
