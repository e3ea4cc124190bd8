// products' records checked from their bytes (see plainRows), as customers' are (customerBytes): the
// column checks (ByteRecord, with is_active, the subcategory and the text keys made strings), and
// productRules' PRD-02 to PRD-05 and PRD-06, each only as "passes"; a record any of them is not sure of
// is left to the string checks, which report it. A record that passes is taken as the string path takes
// it (its row, its unique keys' texts, the facts order_items needs).
import type { ProductRowFacts } from './facts.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import { activeFits, catalogFits, marginFits } from './rules/productRules.js';
import { standaloneRecord } from './standaloneRecord.js';

export interface ProductByteSetup extends PlainRowSetup {
  /** The rows' facts, by row (productRules' `facts`). */
  readonly products: ProductRowFacts;
}

/** The byte checker of products, or undefined when its schema does not fit it (every record takes the string checks). */
export function productBytes(setup: ProductByteSetup): PlainRow | undefined {
  const { layout, columns, products } = setup;
  const priceAt = layout.at('price');
  const costAt = layout.at('cost');
  const categoryAt = layout.at('category');
  const subcategoryAt = layout.at('subcategory');
  const activeAt = layout.at('is_active');
  const createdAt = layout.at('created_at');
  const discontinuedAt = layout.at('discontinued_at');
  const updatedAt = layout.at('updated_at');
  // The rules' texts are read as strings (an allowed category is a text too).
  const reader = standaloneRecord(setup, [subcategoryAt, activeAt]);
  if (!reader) return undefined;
  const { record, reads } = reader;
  if (!reads([priceAt, costAt], ['decimal']) || !reads([createdAt, discontinuedAt, updatedAt], ['timestamp']) || !reads([categoryAt], ['allowed', 'string'])) return undefined;
  const { numbers, texts } = record;

  /** productRules' and PRD-06's checks of the record read all pass. */
  const rulesPass = (): boolean => {
    // PRD-02, in cents as parseCents reads them.
    if (!marginFits(numbers[priceAt] as number, numbers[costAt] as number)) return false;
    // PRD-03.
    if (!catalogFits(texts[categoryAt] as string, texts[subcategoryAt] as string)) return false;
    const created = numbers[createdAt] as number;
    const discontinued = numbers[discontinuedAt] as number;
    // PRD-04 (NaN, a NULL, compares false), PRD-05: a NULL timestamp is an empty field, read as NaN.
    if (discontinued <= created) return false;
    if (!activeFits(texts[activeAt] as string, !Number.isNaN(discontinued))) return false;
    // PRD-06: updated_at is not before created_at or discontinued_at (NULLs skipped: NaN compares false).
    const updated = numbers[updatedAt] as number;
    return !(created > updated || discontinued > updated);
  };

  return {
    chunk(bytes, start, end) {
      record.chunk(bytes, start, end);
    },
    take(bytes, lineStart, end, line) {
      const recordEnd = record.read(bytes, lineStart, end);
      if (recordEnd < 0 || !rulesPass()) return -1;
      // Passed: taken as the string path takes it.
      const row = columns.addRead(line, numbers, texts);
      products.record(row, numbers[priceAt] as number, numbers[createdAt] as number, numbers[discontinuedAt] as number, numbers[updatedAt] as number);
      return recordEnd;
    },
  };
}
