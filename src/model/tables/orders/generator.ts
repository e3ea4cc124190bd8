import { hashUnit, Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import type { ShippingMethod } from '../../../config/configTypes.js';
import type { RowWriter } from '../../../encoding/rowWriter.js';
import { customerAddressAfter, drawAddress, writeLine1, type PostalAddress } from '../../addresses.js';
import { CustomerHistory } from '../../history/customerHistory.js';
import { OrderCustomers } from '../../orderCustomers.js';
import { OrderItemsDrawer } from '../../orderItemsDrawer.js';
import { OrderLayout, type OrderBlockLayout } from '../../orderLayout.js';
import type { World } from '../../world.js';
import { FulfilmentClock } from './fulfilmentClock.js';
import { ReturnPolicy } from './returnPolicy.js';

const SECONDS_PER_HOUR = 3600;

/** An order as drawn: what its row holds at any instant, and the seconds its status changes. */
export interface OrderLife {
  id: number;
  customerId: number;
  orderSecond: number;
  payment: string;
  method: string;
  address: PostalAddress | undefined;
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  total: number;
  /** When a still unshipped order turns from pending to processing. */
  processingSecond: number;
  /** 0 unless cancelled. */
  cancelledSecond: number;
  shippedSecond: number;
  deliveredSecond: number;
  /** 0 unless it comes back inside the return window. */
  returnedSecond: number;
}

/** Generates orders [from, to] as CSV rows. */
export class OrderGenerator {
  private readonly rng = new Rng();
  private readonly addressRng = new Rng();
  private readonly layout: OrderLayout;
  private readonly itemsDrawer: OrderItemsDrawer;
  private readonly customers: OrderCustomers;
  private readonly paymentChoice: WeightedChoice<string>;
  private readonly shippingChoice: WeightedChoice<string>;
  private readonly clock: FulfilmentClock;
  private readonly returns: ReturnPolicy;
  private readonly customerHistory: CustomerHistory;
  private readonly life: OrderLife = {
    id: 0, customerId: 0, orderSecond: 0, payment: '', method: '', address: undefined, subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0,
    processingSecond: 0, cancelledSecond: 0, shippedSecond: 0, deliveredSecond: 0, returnedSecond: 0,
  };

  constructor(private readonly world: World) {
    this.layout = new OrderLayout(world, new Rng());
    this.itemsDrawer = new OrderItemsDrawer(world);
    this.customers = new OrderCustomers(world);
    this.paymentChoice = WeightedChoice.fromRecord(world.config.orders.paymentMethods);
    this.clock = new FulfilmentClock(world.config);
    this.returns = new ReturnPolicy(world);
    this.customerHistory = new CustomerHistory(world);
    const methods = world.config.orders.shippingMethods;
    this.shippingChoice = WeightedChoice.fromRecord(
      Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, method.weight])),
    );
  }

  /**
   * Draws order `id`: its header, totals and the times of its life (placed, processing, cancelled or
   * shipped, delivered, returned). The row as of any instant is then written by `write`. With
   * `lineOffset` (where the order's items start among its block's) its items are kept for the order_items
   * pass to recall.
   */
  private draw(id: number, layout: OrderBlockLayout, lineOffset = -1): OrderLife {
    const world = this.world;
    const config = world.config.orders;
    const life = this.life;
    const index = id - layout.firstOrderId;
    const orderSecond = layout.orderSeconds[index] as number;
    const itemCount = layout.itemCounts[index] as number;
    const subtotal =
      lineOffset >= 0
        ? this.itemsDrawer.drawAndKeep(id, itemCount, orderSecond, layout.block, index, lineOffset)
        : this.itemsDrawer.draw(id, itemCount, orderSecond);
    const rng = this.rng.reseed(world.keys.order, id);
    const customerId = this.customers.customerOf(id, orderSecond);
    life.id = id;
    life.customerId = customerId;
    life.orderSecond = orderSecond;
    life.payment = this.paymentChoice.pick(rng);
    const methodName = this.shippingChoice.pick(rng);
    life.method = methodName;
    const method = config.shippingMethods[methodName] as ShippingMethod;
    // The customer's address at the order's time: a customer who has moved gets later orders at the new home.
    const address = rng.chance(config.ownAddressShare)
      ? customerAddressAfter(world, this.addressRng, customerId, this.customerHistory.movesBy(customerId, orderSecond))
      : drawAddress(world, rng);
    life.address = address;
    const discount = rng.chance(config.couponRate) ? Math.floor((subtotal * rng.pick(config.couponPercents)) / 100) : 0;
    const taxable = subtotal - discount;
    // Tax in integer cents, rounded half up: (cents * basis points + 5000) / 10000.
    const tax = Math.floor((taxable * address.state.salesTaxBp + 5000) / 10000);
    const shipping = methodName === 'standard' && taxable >= config.freeShippingThresholdCents ? 0 : method.costCents;
    life.subtotal = subtotal;
    life.discount = discount;
    life.tax = tax;
    life.shipping = shipping;
    life.total = taxable + tax + shipping;

    const cancelled = rng.chance(config.cancelRate);
    const shippedSecond = this.clock.shippedAt(rng, orderSecond, methodName);
    const deliveredSecond = this.clock.deliveredAt(rng, shippedSecond, methodName);
    // The items are known (drawn above), so the return chance can follow their categories and prices;
    // the return only counts once it has happened, inside the return window.
    const returning = rng.chance(this.returns.chance(this.itemsDrawer.items, itemCount, orderSecond));
    const returnedSecond = returning ? this.returns.returnedAt(rng, orderSecond, deliveredSecond) : undefined;
    // A cancelled order is cancelled before it would have shipped, at a uniform point of that wait.
    life.cancelledSecond = cancelled ? orderSecond + 1 + Math.floor(hashUnit(world.keys.orderCancel, id) * Math.max(shippedSecond - orderSecond - 1, 1)) : 0;
    life.processingSecond = orderSecond + Math.ceil(config.pendingHours * SECONDS_PER_HOUR);
    life.shippedSecond = shippedSecond;
    life.deliveredSecond = deliveredSecond;
    life.returnedSecond = returnedSecond ?? 0;
    return life;
  }

  /**
   * The seconds at which the drawn order changes after it is placed (each at most once), in time order:
   * what a change stream holds for it besides its insert.
   */
  changeSeconds(life: OrderLife, visit: (second: number) => void): void {
    const { orderSecond, processingSecond, cancelledSecond, shippedSecond, deliveredSecond, returnedSecond } = life;
    const end = cancelledSecond > 0 ? cancelledSecond : shippedSecond;
    if (processingSecond > orderSecond && processingSecond < end) visit(processingSecond);
    if (cancelledSecond > 0) {
      visit(cancelledSecond);
      return;
    }
    visit(shippedSecond);
    visit(deliveredSecond);
    if (returnedSecond > 0) visit(returnedSecond);
  }

  /** Writes the drawn order as it was at `at` (at or after it was placed) as one CSV row. */
  write(life: OrderLife, at: number, sink: RowWriter): void {
    const calendar = this.world.calendar;
    // Status follows from where `at` falls in the order's life, so at the window's end the recent orders
    // are the ones still pending, processing or in transit.
    const { orderSecond, processingSecond, cancelledSecond, shippedSecond, deliveredSecond, returnedSecond } = life;
    let status: string;
    let updated = orderSecond;
    let shipped = false;
    let delivered = false;
    let returned = false;
    if (cancelledSecond > 0 && cancelledSecond <= at) {
      status = 'cancelled';
      updated = cancelledSecond;
    } else if (shippedSecond > at || cancelledSecond > 0) {
      const processing = processingSecond <= at;
      status = processing ? 'processing' : 'pending';
      if (processing) updated = Math.max(processingSecond, orderSecond);
    } else {
      shipped = true;
      updated = shippedSecond;
      if (deliveredSecond > at) status = 'shipped';
      else {
        returned = returnedSecond > 0 && returnedSecond <= at;
        status = returned ? 'returned' : 'delivered';
        updated = returned ? returnedSecond : deliveredSecond;
        delivered = true;
      }
    }
    const address = life.address as PostalAddress;

    sink.int(life.id);
    sink.comma();
    sink.int(life.customerId);
    sink.comma();
    sink.timestamp(orderSecond, calendar);
    sink.comma();
    sink.plain(status);
    sink.comma();
    sink.plain(life.payment);
    sink.comma();
    sink.plain(life.method);
    sink.comma();
    writeLine1(sink, address);
    sink.comma();
    sink.field(address.city);
    sink.comma();
    sink.plain(address.state.code);
    sink.comma();
    sink.plain(address.zip);
    sink.comma();
    sink.cents(life.subtotal);
    sink.comma();
    sink.cents(life.discount);
    sink.comma();
    sink.cents(life.tax);
    sink.comma();
    sink.cents(life.shipping);
    sink.comma();
    sink.cents(life.total);
    sink.comma();
    if (shipped) sink.timestamp(shippedSecond, calendar);
    sink.comma();
    if (delivered) sink.timestamp(deliveredSecond, calendar);
    sink.comma();
    if (returned) sink.timestamp(returnedSecond, calendar);
    sink.comma();
    sink.timestamp(updated, calendar);
    sink.newline();
  }

  /** Draws order `id` (when it was placed by `at`); undefined when it was not. */
  lifeAt(id: number, at: number): OrderLife | undefined {
    const layout = this.layout.layout(this.layout.blockOf(id));
    if ((layout.orderSeconds[id - layout.firstOrderId] as number) > at) return undefined;
    return this.draw(id, layout);
  }

  /** Writes order `id` as it was at `at`, or nothing when it was placed later; returns whether it wrote. */
  row(id: number, at: number, sink: RowWriter): boolean {
    const life = this.lifeAt(id, at);
    if (life === undefined) return false;
    this.write(life, at, sink);
    return true;
  }

  rows(from: number, to: number, sink: RowWriter, until: number): number {
    let written = 0;
    let block = -1;
    // Where order `id`'s items start among its block's, followed from order to order: a snapshot's
    // orders keep their items for the order_items pass.
    let lineOffset = 0;
    for (let id = from; id <= to; id++) {
      const layout = this.layout.layout(this.layout.blockOf(id));
      const index = id - layout.firstOrderId;
      if (layout.block !== block) {
        block = layout.block;
        lineOffset = 0;
        for (let before = 0; before < index; before++) lineOffset += layout.itemCounts[before] as number;
      }
      // Ids follow order time: the first order placed after `until` ends the rows that existed then.
      if ((layout.orderSeconds[index] as number) > until) break;
      this.write(this.draw(id, layout, lineOffset), until, sink);
      lineOffset += layout.itemCounts[index] as number;
      written++;
    }
    this.world.drawnItems.flush();
    return written;
  }
}
