import { IdNumbers, NumberSample } from '../profile/counters.js';
import { at, required } from '../profile/tableReader.js';
import { forEachReportRow, type ReportTables } from './reportTables.js';

export interface ProductsScan {
  readonly rows: number;
  /** Category names in the order first seen; a product's category is an index into it. */
  readonly categories: readonly string[];
  /** product id -> category index (-1: unknown product). */
  readonly categoryOf: IdNumbers;
  readonly prices: ReadonlyMap<string, NumberSample>;
}

/** products: each product's category (for the order lines) and the prices per category. */
export async function scanProducts(tables: ReportTables): Promise<ProductsScan> {
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const categoryOf = new IdNumbers(-1);
  const prices = new Map<string, NumberSample>();
  let rows = 0;
  await forEachReportRow(tables, 'products', (col) => {
    const [id, categoryColumn, price] = [required(col, 'products', 'product_id'), required(col, 'products', 'category'), required(col, 'products', 'price')];
    return (row) => {
      rows++;
      const category = at(row, categoryColumn);
      let index = categoryIndex.get(category);
      if (index === undefined) {
        categoryIndex.set(category, (index = categories.length));
        categories.push(category);
      }
      categoryOf.set(Number(at(row, id)), index);
      let sample = prices.get(category);
      if (!sample) prices.set(category, (sample = new NumberSample()));
      sample.push(Number(at(row, price)));
    };
  });
  return { rows, categories, categoryOf, prices };
}
