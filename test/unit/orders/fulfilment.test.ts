// The fulfilment clock, the return policy, the shopping calendar and the basket-size law, each against
// the promises the schema and validate make: working hours, daytime deliveries, no Sunday or holiday
// deliveries, returns inside the window, no pile-up at the basket cap.
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY, epochDay, thanksgiving, weekdayMondayFirst } from '../../../src/core/calendar.js';
import { HolidayCalendar, carrierHolidays } from '../../../src/core/holidays.js';
import { Rng } from '../../../src/core/random.js';
import { OrderLayout, ORDERS_PER_BLOCK } from '../../../src/model/orderLayout.js';
import { namedDayMultipliers } from '../../../src/model/shoppingCalendar.js';
import { FulfilmentClock } from '../../../src/model/tables/orders/fulfilmentClock.js';
import { ReturnPolicy, returnDeadline } from '../../../src/model/tables/orders/returnPolicy.js';
import { CONFIG, worldOf } from '../helpers/memoryDataset.js';

const OFFSET = CONFIG.window.localUtcOffsetHours * 3600;
const METHODS = ['standard', 'express', 'next_day'] as const;
const localDay = (second: number): number => Math.floor((second + OFFSET) / SECONDS_PER_DAY);
const localHour = (second: number): number => Math.floor((((second + OFFSET) % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY / 3600);

/** Orders spread over 2023, one every ~53 minutes, so every weekday, hour and holiday is hit. */
function orderSeconds(): number[] {
  const start = epochDay(2023, 1, 1) * SECONDS_PER_DAY;
  return Array.from({ length: 10_000 }, (_, index) => start + index * 3163);
}

describe('the carrier holidays', () => {
  it('are the six UPS/FedEx holidays on their dates', () => {
    expect(carrierHolidays(2024)).toEqual([
      epochDay(2024, 1, 1), epochDay(2024, 5, 27), epochDay(2024, 7, 4), epochDay(2024, 9, 2), epochDay(2024, 11, 28), epochDay(2024, 12, 25),
    ]);
    const calendar = new HolidayCalendar(epochDay(2024, 1, 1), epochDay(2024, 12, 31));
    expect(calendar.isHoliday(epochDay(2024, 12, 25))).toBe(true);
    expect(calendar.isHoliday(epochDay(2025, 1, 1))).toBe(true);
    expect(calendar.isHoliday(epochDay(2024, 12, 24))).toBe(false);
  });
});

describe('the fulfilment clock', () => {
  const clock = new FulfilmentClock(CONFIG);
  const rng = new Rng();

  it('ships inside warehouse hours, never on Sundays or holidays, after the order', () => {
    const holidays = new HolidayCalendar(epochDay(2022, 12, 1), epochDay(2024, 3, 1));
    // Every broken promise, named, compared once: seven expects for each of 10,000 orders cost seconds.
    const broken: string[] = [];
    orderSeconds().forEach((order, index) => {
      const method = METHODS[index % 3] as string;
      const shipped = clock.shippedAt(rng.reseed(1, index), order, method);
      const day = localDay(shipped);
      const weekday = weekdayMondayFirst(day);
      const hours = weekday === 5 ? CONFIG.orders.warehouse.saturday : CONFIG.orders.warehouse.weekday;
      const hour = localHour(shipped);
      if (!(shipped > order)) broken.push(`order ${index}: shipped ${shipped} not after ${order}`);
      if (!Number.isInteger(shipped)) broken.push(`order ${index}: shipped ${shipped} not a whole second`);
      if (weekday === 6) broken.push(`order ${index}: shipped on a Sunday`);
      if (holidays.isHoliday(day)) broken.push(`order ${index}: shipped on a holiday`);
      if (hour < hours.openHour || hour >= hours.closeHour) broken.push(`order ${index}: shipped at ${hour}h, outside ${hours.openHour}-${hours.closeHour}`);
    });
    expect(broken).toEqual([]);
  });

  it('ships an order placed after the cut-off on a later day', () => {
    // Tuesday 2023-03-07 at 15:00 local, past the 14:00 cut-off.
    const order = epochDay(2023, 3, 7) * SECONDS_PER_DAY + 15 * 3600 - OFFSET;
    for (let id = 0; id < 200; id++) expect(localDay(clock.shippedAt(rng.reseed(2, id), order, 'next_day'))).toBeGreaterThan(localDay(order));
  });

  it('delivers in the daytime, Monday to Saturday, never on a holiday, 12 hours or more after shipping', () => {
    const holidays = new HolidayCalendar(epochDay(2022, 12, 1), epochDay(2024, 3, 1));
    const spans = new Set<number>();
    const broken: string[] = [];
    orderSeconds().forEach((order, index) => {
      const method = METHODS[index % 3] as string;
      const shipped = clock.shippedAt(rng.reseed(3, index), order, method);
      const delivered = clock.deliveredAt(rng, shipped, method);
      const day = localDay(delivered);
      const hour = localHour(delivered);
      if (weekdayMondayFirst(day) === 6) broken.push(`order ${index}: delivered on a Sunday`);
      if (holidays.isHoliday(day)) broken.push(`order ${index}: delivered on a holiday`);
      if (hour < 8 || hour >= 20) broken.push(`order ${index}: delivered at ${hour}h`);
      if (delivered - shipped < 12 * 3600) broken.push(`order ${index}: delivered ${delivered - shipped} s after shipping`);
      // At least the method's fewest transit days, counted in calendar days.
      const fewest = Math.min(...Object.keys(CONFIG.orders.shippingMethods[method]?.transitDays ?? {}).map(Number));
      if (day - localDay(shipped) < fewest) broken.push(`order ${index}: ${day - localDay(shipped)} days in transit by ${method}, fewer than ${fewest}`);
      spans.add((delivered - shipped) % SECONDS_PER_DAY);
    });
    expect(broken).toEqual([]);
    // Transit times are not whole days.
    expect(spans.size).toBeGreaterThan(1000);
  });
});

describe('the return policy', () => {
  it('closes 30 days after delivery, or on January 31 for November and December orders', () => {
    const delivered = epochDay(2023, 6, 10) * SECONDS_PER_DAY;
    expect(returnDeadline(delivered - 86400, delivered, 30)).toBe(delivered + 30 * SECONDS_PER_DAY);
    const december = epochDay(2023, 12, 5) * SECONDS_PER_DAY;
    expect(returnDeadline(december, december + 3 * 86400, 30)).toBe(epochDay(2024, 2, 1) * SECONDS_PER_DAY - 1);
  });

  it('returns clothing far more than books, dear items more than cheap ones, days after delivery', () => {
    const world = worldOf();
    const policy = new ReturnPolicy(world);
    const facts = world.productFacts;
    const item = (productId: number) => ({ productId, quantity: 1, unitPriceCents: facts.priceCents(productId), discountCents: 0, discountPercent: 0, lineTotalCents: facts.priceCents(productId), category: facts.categoryIndex(productId) });
    const june = epochDay(2023, 6, 1) * SECONDS_PER_DAY;
    const { categoryRates, priceFactor } = CONFIG.orders.returns;
    const factor = (cents: number) => Math.min(Math.max(Math.pow(cents / priceFactor.anchorCents, priceFactor.exponent), priceFactor.min), priceFactor.max);
    const names = ['Electronics', 'Clothing', 'Home & Garden', 'Sports', 'Books'];
    const byPrice: [number, number][] = [];
    for (let id = 1; id <= world.counts.products; id++) {
      const chance = policy.chance([item(id)], 1, june);
      const rate = categoryRates[names[facts.categoryIndex(id)] as string] as number;
      expect(chance).toBeCloseTo(rate * factor(facts.priceCents(id)), 9);
      if (facts.categoryIndex(id) === 1) byPrice.push([facts.priceCents(id), chance]);
    }
    byPrice.sort((x, y) => x[0] - y[0]);
    for (let index = 1; index < byPrice.length; index++) expect((byPrice[index] as [number, number])[1]).toBeGreaterThanOrEqual((byPrice[index - 1] as [number, number])[1]);
    expect(categoryRates.Clothing as number).toBeGreaterThan(5 * (categoryRates.Books as number));
    // A holiday purchase comes back more often.
    const december = epochDay(2023, 12, 1) * SECONDS_PER_DAY;
    expect(policy.chance([item(1)], 1, december)).toBeCloseTo(policy.chance([item(1)], 1, june) * CONFIG.orders.returns.holidayUplift, 9);
    const rng = new Rng();
    for (let id = 0; id < 500; id++) {
      const delivered = june + 3 * 86400 + id * 17;
      const returned = policy.returnedAt(rng.reseed(4, id), june, delivered);
      if (returned === undefined) continue;
      expect(returned - delivered).toBeGreaterThan(12 * 3600);
      expect(returned).toBeLessThanOrEqual(delivered + 30 * 86400);
    }
  });
});

describe('the shopping calendar', () => {
  it('marks Thanksgiving, Black Friday, Cyber Monday, Christmas Eve and Day on the local hours', () => {
    const days = namedDayMultipliers(CONFIG, epochDay(2023, 1, 1), epochDay(2023, 12, 31));
    const offsetHours = CONFIG.window.localUtcOffsetHours;
    // Local midnight to 23:00 of Christmas Day is UTC 06:00 Dec 25 to 05:00 Dec 26 at offset -6.
    const christmas = epochDay(2023, 12, 25);
    expect(days.get(christmas)?.[12]).toBe(CONFIG.orders.christmasDay);
    expect(days.get(christmas + 1)?.[(23 - offsetHours) % 24]).toBe(CONFIG.orders.christmasDay);
    const eve = CONFIG.orders.christmasEve;
    expect(days.get(christmas - 1)?.[10 - offsetHours]).toBe(eve.day);
    expect(days.get(christmas - 1)?.[eve.eveningFromHour - offsetHours]).toBe(eve.evening);
    expect(days.get(thanksgiving(2023))?.[12]).toBe(CONFIG.orders.thanksgiving);
    expect(days.get(thanksgiving(2023) + 1)?.[12]).toBe(CONFIG.orders.blackFriday);
    expect(days.get(thanksgiving(2023) + 4)?.[12]).toBe(CONFIG.orders.cyberMonday);
  });
});

describe('the basket-size law', () => {
  it('keeps the exact item total per block and tapers to the cap with no pile-up', () => {
    const counts = { customers: 1000, products: 500, orders: 64 * 400, order_items: 64 * 400 * 3, web_events: 0 };
    const world = worldOf(counts);
    const layout = new OrderLayout(world, new Rng());
    const histogram = new Array<number>(CONFIG.orders.maxItemsPerOrder + 1).fill(0);
    let total = 0;
    for (let block = 0; block < counts.orders / ORDERS_PER_BLOCK; block++) {
      const { itemCounts, firstItemId, orderCount } = layout.layout(block);
      const sum = itemCounts.reduce((a, b) => a + b, 0);
      expect(firstItemId - 1).toBe(total);
      total += sum;
      for (let index = 0; index < orderCount; index++) histogram[itemCounts[index] as number] = (histogram[itemCounts[index] as number] as number) + 1;
    }
    expect(total).toBe(counts.order_items);
    // Falls from each basket size to the next, the cap included.
    for (let size = 2; size <= CONFIG.orders.maxItemsPerOrder; size++) expect(histogram[size], `size ${size}`).toBeLessThan(histogram[size - 1] as number);
  });
});
