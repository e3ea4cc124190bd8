import { SECONDS_PER_DAY } from '../core/calendar.js';
import { Rng } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import { CustomerLifecycle } from './customerLifecycle.js';
import { CustomerHistory } from './history/customerHistory.js';
import type { World } from './world.js';

/** Draws of an age, a tier and a customer before a pick gives up on churned customers. */
const PICK_ATTEMPTS = 24;

/**
 * Who places an order and who browses the store at a given second: orders (for customer_id) and web
 * events (for purchase sessions and logged-in visitors) both ask here, so the two always agree.
 *
 * An order is either the first purchase of a customer who just opened an account in its checkout, or
 * a purchase by an existing customer. The first: a customer who signs up at checkout (a fixed share
 * of registrations, by a hash of its id) buys in the first order placed at or after its registration.
 * The other: a propensity tier is drawn by weight, and a customer of that tier registered by then,
 * either any one or (an early share) one of about a given account age, buys unless it has churned by
 * then (then all is drawn again). Customers of tiers with no order weight therefore buy once, at
 * checkout, or never; customers registered before the window are the store's existing base, whose
 * first orders fell before it. Every answer is a pure function of (seed, order id, order second).
 */
export class OrderCustomers {
  private readonly rng = new Rng();
  private readonly lifecycle: CustomerLifecycle;
  /** Which accounts are erased some day: they never order or browse logged in, so no row refers to them. */
  private readonly history: CustomerHistory;
  /** Tiers weighted by share x order weight: who repeats. */
  private readonly orderTiers: WeightedChoice<number>;
  /** Tiers weighted by share x (order weight + 1): buyers browse more, but one-time buyers and never-buyers browse too. */
  private readonly browseTiers: WeightedChoice<number>;
  private readonly windowStart: number;
  /** The last customer asked about by registration, and its second: orders in a row mostly share it. */
  private latestId = 0;
  private latestSecond = 0;
  /** The order asked about last and its second: callers ask order after order, so it is the next one's previous. */
  private lastOrderId = -1;
  private lastOrderSecond = 0;

  constructor(private readonly world: World) {
    const config = world.config.customers;
    this.lifecycle = new CustomerLifecycle(config.lifecycle, world.keys.customerLifecycle);
    this.history = new CustomerHistory(world);
    const tierIndexes = config.tiers.map((_, index) => index);
    this.orderTiers = new WeightedChoice(tierIndexes, config.tiers.map((tier) => tier.sharePct * tier.orderWeight));
    this.browseTiers = new WeightedChoice(tierIndexes, config.tiers.map((tier) => tier.sharePct * (tier.orderWeight + 1)));
    this.windowStart = world.config.window.startDay * SECONDS_PER_DAY;
  }

  /**
   * The customer of order `orderId`, placed at `orderSecond`, drawn from the customers' own streams
   * (customers.orders, customers.lifecycle), so web events find it without the order's header stream.
   * `orderSecond` is the order's own second, orderTimeline.secondOf(orderId).
   */
  customerOf(orderId: number, orderSecond: number): number {
    const world = this.world;
    const timeline = world.registrations;
    const registered = timeline.countBy(orderSecond);
    // The previous order's second (orders' ids follow time): customers registered after it and by
    // this order have not had an order yet. The latest of them who signs up at checkout buys here.
    const previousOrder = orderId === this.lastOrderId + 1 ? this.lastOrderSecond : orderId > 1 ? world.orderTimeline.secondOf(orderId - 1) : -Infinity;
    this.lastOrderId = orderId;
    this.lastOrderSecond = orderSecond;
    const since = Math.max(previousOrder, this.windowStart - 1);
    if (registered !== this.latestId) {
      this.latestId = registered;
      this.latestSecond = timeline.secondOf(registered);
    }
    for (let id = registered; id >= 1; id--) {
      if ((id === registered ? this.latestSecond : timeline.secondOf(id)) <= since) break;
      if (this.lifecycle.signsUpAtCheckout(id)) return id;
    }
    const rng = this.rng.reseed(world.keys.customerOrders, orderId);
    return this.existingCustomer(rng, orderSecond, registered, this.orderTiers);
  }

  /** A logged-in visitor browsing at `second`, or 0 when no customer has registered yet. */
  visitor(rng: Rng, second: number): number {
    const world = this.world;
    const registered = world.counts.customers > 0 ? world.registrations.countBy(second) : 0;
    return registered > 0 ? this.existingCustomer(rng, second, registered, this.browseTiers) : 0;
  }

  /**
   * About how many customers had registered by `second` (0 before the first registration): those of
   * the days before, plus the same fraction of that day's registrations as of the day gone by. Not
   * the end-of-day count: every pick on a day would then land on its last registrant of the tier.
   */
  private registeredOn(second: number): number {
    const registrations = this.world.registrations;
    const days = second / SECONDS_PER_DAY - registrations.firstDay;
    const day = Math.floor(days);
    if (day < 0) return 0;
    if (day >= registrations.days) return this.world.counts.customers;
    const before = day > 0 ? registrations.countByDay(day - 1) : 0;
    return before + Math.round((days - day) * (registrations.countByDay(day) - before));
  }

  /** A customer registered by `second` (1..registered) and not churned then, drawn by tier and account age. */
  private existingCustomer(rng: Rng, second: number, registered: number, tiers: WeightedChoice<number>): number {
    const world = this.world;
    const timeline = world.registrations;
    const lifecycle = this.lifecycle;
    for (let attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
      const tier = tiers.pickIndex(rng);
      const age = lifecycle.repeatAge(rng);
      let id: number;
      if (age < 0) id = world.customerTiers.pickOfTier(rng, tier, registered);
      else {
        // The tier's customer registered last by (second - age).
        const latest = Math.min(registered, this.registeredOn(second - age));
        id = latest > 0 ? world.customerTiers.atOrBelow(latest, tier) : 0;
        if (id === 0) continue;
      }
      if (second - timeline.secondOf(id) < lifecycle.lifetimeSeconds(id) && !this.history.erasable(id)) return id;
    }
    // Only a store whose every recent customer has churned gets here (customer 1 is never erased).
    let id = 1 + rng.below(registered);
    while (this.history.erasable(id)) id--;
    return id;
  }
}
