// How text goes wrong in real feeds: keyboard typos, mojibake, stray spaces and case, truncation. Pure
// functions of (text, rng), so the injectors and their tests share them.
import type { Rng } from '../../core/random.js';

/** Keys next to each letter on a US QWERTY keyboard: a slipped finger hits one of these. */
const QWERTY_NEIGHBOURS: Readonly<Record<string, string>> = {
  q: 'wa', w: 'qeas', e: 'wrsd', r: 'etdf', t: 'ryfg', y: 'tugh', u: 'yihj', i: 'uojk', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'weadzx', d: 'erfscx', f: 'rtgdvc', g: 'tyhfbv', h: 'yujgnb', j: 'uikhmn', k: 'iolmj', l: 'opk',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

function neighbour(char: string, rng: Rng): string | undefined {
  const lower = char.toLowerCase();
  const keys = QWERTY_NEIGHBOURS[lower];
  if (keys === undefined) return undefined;
  const next = rng.pick([...keys]);
  return char === lower ? next : next.toUpperCase();
}

/**
 * One typing error in `text` (within `from`..`to`, by default the whole text), of the four kinds Damerau
 * found behind over 80% of misspellings (F. J. Damerau, "A technique for computer detection and
 * correction of spelling errors", CACM 7(3), 1964): a substituted letter (here a keyboard neighbour),
 * a dropped letter, an extra letter (a neighbour struck with it) and two letters swapped. Returns the text
 * unchanged only when it holds no letter.
 */
export function keyboardTypo(text: string, rng: Rng, from = 0, to = text.length): string {
  const letters: number[] = [];
  for (let index = from; index < to; index++) if (QWERTY_NEIGHBOURS[(text[index] as string).toLowerCase()] !== undefined) letters.push(index);
  if (letters.length === 0) return text;
  const at = rng.pick(letters);
  const char = text[at] as string;
  const operation = rng.below(4);
  const substituted = (): string => `${text.slice(0, at)}${neighbour(char, rng) ?? char}${text.slice(at + 1)}`;
  if (operation === 1 && letters.length > 2) return `${text.slice(0, at)}${text.slice(at + 1)}`;
  if (operation === 2) return `${text.slice(0, at + 1)}${neighbour(char, rng) ?? char}${text.slice(at + 1)}`;
  if (operation === 3 && at + 1 < to && text[at + 1] !== char && QWERTY_NEIGHBOURS[(text[at + 1] as string).toLowerCase()] !== undefined) {
    return `${text.slice(0, at)}${text[at + 1] as string}${char}${text.slice(at + 2)}`;
  }
  return substituted();
}

/** Windows-1252 characters of bytes 0x80-0x9F; the five bytes it leaves undefined stay C1 controls. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * UTF-8 bytes read as Latin-1: `José` becomes `JosÃ©`, an en dash `â€“`. Decoders labelled "latin1" or
 * "iso-8859-1" use Windows-1252 (the WHATWG Encoding Standard maps those labels to it), which is what
 * spreadsheets and browsers show.
 */
export function utf8AsLatin1(text: string): string {
  // Latin-1 decoding gives each byte its own code point; only 0x80-0x9F differ in Windows-1252. One
  // decode and one replace, not a string grown a character at a time (a cons string per byte).
  return Buffer.from(text, 'utf8').toString('latin1').replace(C1_CONTROLS, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80] as string);
}

/** The characters of bytes 0x80-0x9F as Latin-1 decodes them. */
const C1_CONTROLS = /[\x80-\x9f]/g;

const ACCENTS: readonly (readonly [string, string])[] = [
  ['e', '\u00e9'],
  ['a', '\u00e1'],
  ['o', '\u00f3'],
  ['i', '\u00ed'],
  ['u', '\u00fa'],
  ['n', '\u00f1'],
];

/**
 * Mojibake of a value as its source system held it. Our values are mostly ASCII, which survives the
 * misreading, so the source's spelling is restored first: a typographic apostrophe or dash (what word
 * processors and CMSs put in), or an accent on a name's letter (`Renee` kept as `Renée`).
 */
export function mojibake(text: string): string | undefined {
  let source = text;
  if (/^[\x00-\x7f]*$/.test(source)) {
    if (source.includes(' - ')) source = source.replace(' - ', ' \u2013 ');
    else if (source.includes("'")) source = source.replace("'", '\u2019');
    else {
      const found = ACCENTS.map(([plain, accented]) => [source.indexOf(plain, 1), accented] as const).find(([at]) => at > 0);
      if (!found) return undefined;
      const [at, accented] = found;
      source = `${source.slice(0, at)}${accented}${source.slice(at + 1)}`;
    }
  }
  const garbled = utf8AsLatin1(source);
  return garbled === text ? undefined : garbled;
}

/** Stray spaces or the wrong case, as hand entry and careless joins leave them. */
export function whitespaceOrCase(text: string, rng: Rng, isEmail: boolean): string {
  if (isEmail) {
    // Mobile keyboards capitalise the first letter; some forms upper-case the whole field.
    const upper = rng.chance(0.5) ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text.toUpperCase();
    return upper === text ? ` ${text}` : upper;
  }
  const variant = rng.below(5);
  if (variant === 0) return `${text} `;
  if (variant === 1) return ` ${text}`;
  if (variant === 2 && text.includes(' ')) return text.replace(' ', '  ');
  if (variant === 3 && text.toUpperCase() !== text) return text.toUpperCase();
  return `${text}  `;
}

/** Legacy field widths a value gets cut to when it passes through an older system. */
const LEGACY_WIDTHS = [10, 15, 20, 25, 30, 40, 50];

/** The value cut to a narrower field; undefined when it is too short to lose anything visible. */
export function truncated(text: string, rng: Rng): string | undefined {
  const widths = LEGACY_WIDTHS.filter((width) => width < text.length);
  if (widths.length > 0) return text.slice(0, rng.pick(widths));
  if (text.length < 4) return undefined;
  return text.slice(0, Math.ceil(text.length * 0.6));
}
