// PRD-02 to PRD-05 on each products row, and the facts order items need (price, launch and discontinuation).
// PRD-01 (sku unique) is the unique-index check of keyPlan.
import { CATALOG } from '../../vocab/categories/index.js';
import type { ProductRowFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { parseCents, parseTimestamp } from '../valueParsers.js';

const SUBCATEGORIES = new Map<string, Set<string>>(CATALOG.map((category) => [category.name, new Set(category.subcategories.map((sub) => sub.name))]));

/** PRD-02: whether cost is 30% to 90% of price, in integer cents: 10 cost >= 3 price and 10 cost <= 9 price (NaN is not judged). */
export function marginFits(price: number, cost: number): boolean {
  return !(cost * 10 < price * 3 || cost * 10 > price * 9);
}

/** PRD-03: whether `subcategory` is one of `category`'s in the catalog. */
export function catalogFits(category: string, subcategory: string): boolean {
  return SUBCATEGORIES.get(category)?.has(subcategory) === true;
}

/** PRD-05: whether is_active (when true or false) agrees with discontinued_at being set. */
export function activeFits(activeText: string, discontinuedSet: boolean): boolean {
  // A NULL discontinued_at is an empty field; an unreadable one is COL-TYPE's finding, not this rule's.
  return !((activeText === 'false') !== discontinuedSet && (activeText === 'true' || activeText === 'false'));
}

export function productRules(layout: TableLayout, book: RuleBook, facts: ProductRowFacts, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const at = {
    price: layout.at('price'),
    cost: layout.at('cost'),
    category: layout.at('category'),
    subcategory: layout.at('subcategory'),
    createdAt: layout.at('created_at'),
    isActive: layout.at('is_active'),
    discontinuedAt: layout.at('discontinued_at'),
    updatedAt: layout.at('updated_at'),
  };
  const margin = book.tally('PRD-02');
  const catalog = book.tally('PRD-03');
  const lifeOrder = book.tally('PRD-04');
  const inactive = book.tally('PRD-05');

  return {
    row(fields, line, slot) {
      const priceText = fields[at.price] as string;
      const costText = fields[at.cost] as string;
      const price = parseCents(priceText);
      const cost = parseCents(costText);
      const createdText = fields[at.createdAt] as string;
      const discontinuedText = fields[at.discontinuedAt] as string;
      const created = parseTimestamp(createdText);
      const discontinued = discontinuedText === '' ? Number.NaN : parseTimestamp(discontinuedText);
      if (slot >= 0) facts.record(slot, price, created, discontinued, parseTimestamp(fields[at.updatedAt] as string));
      if (!marginFits(price, cost)) {
        margin.add(file, line, () => ({ key: keyOf(fields), values: { price: priceText, cost: costText }, problem: `cost is ${((cost / price) * 100).toFixed(1)}% of price` }));
      }
      const category = fields[at.category] as string;
      const subcategory = fields[at.subcategory] as string;
      if (!catalogFits(category, subcategory)) {
        catalog.add(file, line, () => ({ key: keyOf(fields), values: { category, subcategory }, problem: `${subcategory} is not a subcategory of ${category}` }));
      }
      if (discontinued <= created) {
        lifeOrder.add(file, line, () => ({
          key: keyOf(fields),
          values: { created_at: createdText, discontinued_at: discontinuedText },
          problem: 'discontinued_at is not after created_at',
        }));
      }
      const activeText = fields[at.isActive] as string;
      if (!activeFits(activeText, discontinuedText !== '')) {
        inactive.add(file, line, () => ({
          key: keyOf(fields),
          values: { is_active: activeText, discontinued_at: discontinuedText },
          problem: activeText === 'false' ? 'an inactive product has no discontinued_at' : 'an active product has a discontinued_at',
        }));
      }
    },
  };
}
