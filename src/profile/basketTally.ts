import type { Distribution, ReturnRate } from './profileTypes.js';

/** Price bands of a line's unit price, in dollars (lower bound inclusive). */
const PRICE_BANDS: readonly { readonly label: string; readonly fromCents: number }[] = [
  { label: '<$25', fromCents: 0 },
  { label: '$25-50', fromCents: 2500 },
  { label: '$50-100', fromCents: 5000 },
  { label: '$100-250', fromCents: 10000 },
  { label: '$250-500', fromCents: 25000 },
  { label: '$500+', fromCents: 50000 },
];

export function priceBand(cents: number): number {
  let band = 0;
  while (band + 1 < PRICE_BANDS.length && cents >= (PRICE_BANDS[band + 1]?.fromCents ?? Infinity)) band++;
  return band;
}

/** One order line with what the tally needs of its product and order. */
export interface BasketLine {
  readonly orderId: number;
  /** Index of the product's category in the tally's `categories`. */
  readonly category: number;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly lineTotalCents: number;
  readonly unitCostCents: number;
  readonly returned: boolean;
}

/** Lines, returned lines, orders holding the group, returned such orders; revenue and cost. */
class GroupCounts {
  lines = 0;
  returnedLines = 0;
  orders = 0;
  returnedOrders = 0;
  revenueCents = 0;
  costCents = 0;

  rate(): ReturnRate {
    return { lines: this.lines, lineShare: this.lines > 0 ? this.returnedLines / this.lines : 0, orders: this.orders, orderShare: this.orders > 0 ? this.returnedOrders / this.orders : 0 };
  }
}

function countOrder(groups: readonly GroupCounts[], mask: number, returned: boolean): void {
  for (let index = 0; mask !== 0; index++, mask >>>= 1) {
    if (!(mask & 1)) continue;
    const group = groups[index] as GroupCounts;
    group.orders++;
    if (returned) group.returnedOrders++;
  }
}

/**
 * Return rate and gross margin by category, return rate by price band. Order lines come grouped by
 * order (order_items is written in order id order), so "orders holding a category" needs only the
 * current order's categories and bands (bit sets), not a set per order.
 */
export class BasketTally {
  private readonly byCategory: GroupCounts[];
  private readonly byBand = PRICE_BANDS.map(() => new GroupCounts());
  private order = -1;
  private returned = false;
  /** Bit i: the current order holds a line of category (band) i; categories past 31 are not grouped by order. */
  private categoriesInOrder = 0;
  private bandsInOrder = 0;

  constructor(private readonly categories: readonly string[]) {
    this.byCategory = categories.map(() => new GroupCounts());
  }

  add(line: BasketLine): void {
    if (line.orderId !== this.order) {
      this.close();
      this.order = line.orderId;
      this.returned = line.returned;
    }
    const band = priceBand(line.unitPriceCents);
    const bandGroup = this.byBand[band] as GroupCounts;
    bandGroup.lines++;
    if (line.returned) bandGroup.returnedLines++;
    this.bandsInOrder |= 1 << band;
    const category = this.byCategory[line.category];
    if (!category) return;
    category.lines++;
    if (line.returned) category.returnedLines++;
    if (line.category < 31) this.categoriesInOrder |= 1 << line.category;
    category.revenueCents += line.lineTotalCents;
    category.costCents += line.quantity * line.unitCostCents;
  }

  /** Counts the order in progress: call once after the last line. */
  close(): void {
    countOrder(this.byCategory, this.categoriesInOrder, this.returned);
    countOrder(this.byBand, this.bandsInOrder, this.returned);
    this.categoriesInOrder = 0;
    this.bandsInOrder = 0;
  }

  returnRateByCategory(): Record<string, ReturnRate> {
    return Object.fromEntries(this.sortedCategories().map(([label, group]) => [label, group.rate()]));
  }

  returnRateByPriceBand(): Record<string, ReturnRate> {
    return Object.fromEntries(PRICE_BANDS.map((band, index) => [band.label, (this.byBand[index] as GroupCounts).rate()]));
  }

  grossMarginByCategory(): Distribution {
    return Object.fromEntries(this.sortedCategories().map(([label, group]) => [label, group.revenueCents > 0 ? (group.revenueCents - group.costCents) / group.revenueCents : 0]));
  }

  private sortedCategories(): [string, GroupCounts][] {
    return this.categories.map((label, index): [string, GroupCounts] => [label, this.byCategory[index] as GroupCounts]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}

/** Units sold by the products at the head of the ranking, and the #1 / #20 ratio. */
const BEST_SELLER_RANKS = [1, 2, 5, 10, 20, 50, 100] as const;

export function bestSellerHead(descendingUnits: Int32Array): { units: Distribution; firstToTwentieth: number | null } {
  const units = Object.fromEntries(BEST_SELLER_RANKS.filter((rank) => rank <= descendingUnits.length).map((rank) => [`#${rank}`, descendingUnits[rank - 1] as number]));
  const first = descendingUnits[0];
  const twentieth = descendingUnits[19];
  return { units, firstToTwentieth: first !== undefined && twentieth !== undefined && twentieth > 0 ? first / twentieth : null };
}
