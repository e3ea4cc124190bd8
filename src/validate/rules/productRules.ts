// PRD-02 and PRD-03 on each products row, and the facts order items need (price, launch time).
// PRD-01 (sku unique) is the unique-index check of keyPlan.
import { CATALOG } from '../../vocab/categories/index.js';
import type { ProductRowFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { parseCents, parseTimestamp } from '../valueParsers.js';

const SUBCATEGORIES = new Map<string, Set<string>>(CATALOG.map((category) => [category.name, new Set(category.subcategories.map((sub) => sub.name))]));

export function productRules(layout: TableLayout, book: RuleBook, facts: ProductRowFacts, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const at = {
    price: layout.at('price'),
    cost: layout.at('cost'),
    category: layout.at('category'),
    subcategory: layout.at('subcategory'),
    createdAt: layout.at('created_at'),
  };
  const margin = book.tally('PRD-02');
  const catalog = book.tally('PRD-03');

  return {
    row(fields, line, slot) {
      const priceText = fields[at.price] as string;
      const costText = fields[at.cost] as string;
      const price = parseCents(priceText);
      const cost = parseCents(costText);
      if (slot >= 0) facts.record(slot, price, parseTimestamp(fields[at.createdAt] as string));
      // 0.4 <= cost / price <= 0.8, in integers: 5 cost >= 2 price and 5 cost <= 4 price.
      if (cost * 5 < price * 2 || cost * 5 > price * 4) {
        margin.add(file, line, () => ({ key: keyOf(fields), values: { price: priceText, cost: costText }, problem: `cost is ${((cost / price) * 100).toFixed(1)}% of price` }));
      }
      const category = fields[at.category] as string;
      const subcategory = fields[at.subcategory] as string;
      if (!SUBCATEGORIES.get(category)?.has(subcategory)) {
        catalog.add(file, line, () => ({ key: keyOf(fields), values: { category, subcategory }, problem: `${subcategory} is not a subcategory of ${category}` }));
      }
    },
  };
}
