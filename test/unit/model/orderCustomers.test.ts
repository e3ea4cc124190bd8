// Who places each order and who browses: always a customer registered by then, the same answer in any
// call order (each is a pure function of the order), first purchases by just-registered customers, and
// no purchase by a customer after it churned.
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/calendar.js';
import { Rng } from '../../../src/core/random.js';
import { CustomerLifecycle } from '../../../src/model/customerLifecycle.js';
import { OrderCustomers } from '../../../src/model/orderCustomers.js';
import { presetCounts, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf(presetCounts('dev'), 7);
const orderCount = world.counts.orders;
const secondOfOrder = (id: number): number => world.orderTimeline.secondOf(id);
const windowStart = world.config.window.startDay * SECONDS_PER_DAY;

/** Every order's customer, asked in the given order of ids from a fresh instance. */
function customersOf(ids: readonly number[]): Map<number, number> {
  const customers = new OrderCustomers(world);
  return new Map(ids.map((id) => [id, customers.customerOf(id, secondOfOrder(id))]));
}

const ascending = Array.from({ length: orderCount }, (_, index) => index + 1);
const byOrder = customersOf(ascending);

describe('OrderCustomers', () => {
  it('gives every order a customer registered at or before it', () => {
    const problems: string[] = [];
    for (const [id, customer] of byOrder) {
      if (!(customer >= 1 && customer <= world.counts.customers)) problems.push(`order ${id}: customer ${customer}`);
      else if (world.customerTimeline.secondOf(customer) > secondOfOrder(id)) problems.push(`order ${id}: customer ${customer} registers later`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('answers the same whatever order the orders are asked in (no state leaks between calls)', () => {
    const shuffled = [...ascending];
    const rng = new Rng().reseed(1, 1);
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = rng.below(index + 1);
      [shuffled[index], shuffled[other]] = [shuffled[other] as number, shuffled[index] as number];
    }
    const again = customersOf(shuffled);
    expect(ascending.filter((id) => again.get(id) !== byOrder.get(id)).slice(0, 10)).toEqual([]);
  });

  it('lets most customers registered in the window buy first within a day of signing up, and never after churning', () => {
    const lifecycle = new CustomerLifecycle(world.config.customers.lifecycle, world.keys.customerLifecycle);
    const firstOrder = new Map<number, number>();
    const afterChurn: string[] = [];
    for (const [id, customer] of byOrder) {
      const second = secondOfOrder(id);
      const registered = world.customerTimeline.secondOf(customer);
      const isFirst = !firstOrder.has(customer);
      if (isFirst) firstOrder.set(customer, second);
      // A checkout sign-up's first order may come after its lifetime (a short life is one purchase).
      const checkoutFirst = isFirst && registered >= windowStart && lifecycle.signsUpAtCheckout(customer);
      if (!checkoutFirst && second - registered >= lifecycle.lifetimeSeconds(customer)) afterChurn.push(`order ${id}: customer ${customer}`);
    }
    expect(afterChurn.slice(0, 10)).toEqual([]);
    let windowBuyers = 0;
    let sameDay = 0;
    for (const [customer, second] of firstOrder) {
      const registered = world.customerTimeline.secondOf(customer);
      if (registered < windowStart) continue;
      windowBuyers++;
      if (second - registered < SECONDS_PER_DAY) sameDay++;
    }
    expect(windowBuyers).toBeGreaterThan(100);
    expect(sameDay / windowBuyers).toBeGreaterThan(0.6);
  });

  it('picks logged-in visitors among registered customers, including some who never order', () => {
    const customers = new OrderCustomers(world);
    const rng = new Rng();
    const buyers = new Set(byOrder.values());
    const lastSecond = secondOfOrder(orderCount);
    let visits = 0;
    let neverBuy = 0;
    const problems: string[] = [];
    for (let session = 1; session <= 5000; session++) {
      rng.reseed(12345, session);
      const second = windowStart + Math.floor(rng.float() * (lastSecond - windowStart));
      const visitor = customers.visitor(rng, second);
      if (visitor === 0) continue;
      visits++;
      if (world.customerTimeline.secondOf(visitor) > second) problems.push(`session ${session}: customer ${visitor} registers later`);
      if (!buyers.has(visitor)) neverBuy++;
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(visits).toBe(5000);
    expect(neverBuy / visits).toBeGreaterThan(0.02);
    expect(neverBuy / visits).toBeLessThan(0.5);
  });
});
