import { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import type { ShippingMethod } from '../../../config/configTypes.js';
import type { RowSink } from '../../../encoding/rowSink.js';
import { customerAddress, drawAddress } from '../../addresses.js';
import { OrderCustomers } from '../../orderCustomers.js';
import { OrderItemsDrawer } from '../../orderItemsDrawer.js';
import { OrderLayout, type OrderBlockLayout } from '../../orderLayout.js';
import type { World } from '../../world.js';
import { FulfilmentClock } from './fulfilmentClock.js';
import { ReturnPolicy } from './returnPolicy.js';

const SECONDS_PER_HOUR = 3600;

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

  constructor(private readonly world: World) {
    this.layout = new OrderLayout(world, new Rng());
    this.itemsDrawer = new OrderItemsDrawer(world);
    this.customers = new OrderCustomers(world);
    this.paymentChoice = WeightedChoice.fromRecord(world.config.orders.paymentMethods);
    this.clock = new FulfilmentClock(world.config);
    this.returns = new ReturnPolicy(world);
    const methods = world.config.orders.shippingMethods;
    this.shippingChoice = WeightedChoice.fromRecord(
      Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, method.weight])),
    );
  }

  /** Writes order `id` as one CSV row. */
  private row(id: number, layout: OrderBlockLayout, sink: RowSink): void {
    const world = this.world;
    const config = world.config.orders;
    const calendar = world.calendar;
    const index = id - layout.firstOrderId;
    const orderSecond = layout.orderSeconds[index] as number;
    const itemCount = layout.itemCounts[index] as number;
    const subtotal = this.itemsDrawer.draw(id, itemCount, orderSecond);
    const rng = this.rng.reseed(world.keys.order, id);
    const customerId = this.customers.customerOf(id, orderSecond);
    const payment = this.paymentChoice.pick(rng);
    const methodName = this.shippingChoice.pick(rng);
    const method = config.shippingMethods[methodName] as ShippingMethod;
    const address = rng.chance(config.ownAddressShare)
      ? customerAddress(world, this.addressRng, customerId)
      : drawAddress(world, rng);
    const discount = rng.chance(config.couponRate) ? Math.floor((subtotal * rng.pick(config.couponPercents)) / 100) : 0;
    const taxable = subtotal - discount;
    // Tax in integer cents, rounded half up: (cents * basis points + 5000) / 10000.
    const tax = Math.floor((taxable * address.state.salesTaxBp + 5000) / 10000);
    const shipping = methodName === 'standard' && taxable >= config.freeShippingThresholdCents ? 0 : method.costCents;
    const total = taxable + tax + shipping;

    const cancelled = rng.chance(config.cancelRate);
    const shippedSecond = this.clock.shippedAt(rng, orderSecond, methodName);
    const deliveredSecond = this.clock.deliveredAt(rng, shippedSecond, methodName);
    // The items are known (drawn above), so the return chance can follow their categories and prices;
    // the return only counts once it has happened, inside the return window.
    const returning = rng.chance(this.returns.chance(this.itemsDrawer.items, itemCount, orderSecond));
    const returnedSecond = returning ? this.returns.returnedAt(rng, orderSecond, deliveredSecond) : undefined;
    // Status follows from where the window's end falls in the order's life, so recent orders are the
    // ones still pending, processing or in transit.
    const now = world.windowLast;
    let status: string;
    let shipped = false;
    let delivered = false;
    let returned = false;
    if (cancelled) status = 'cancelled';
    else if (shippedSecond > now) status = now - orderSecond < config.pendingHours * SECONDS_PER_HOUR ? 'pending' : 'processing';
    else {
      shipped = true;
      if (deliveredSecond > now) status = 'shipped';
      else {
        returned = returnedSecond !== undefined && returnedSecond <= now;
        status = returned ? 'returned' : 'delivered';
        delivered = true;
      }
    }

    sink.int(id);
    sink.comma();
    sink.int(customerId);
    sink.comma();
    sink.timestamp(orderSecond, calendar);
    sink.comma();
    sink.plain(status);
    sink.comma();
    sink.plain(payment);
    sink.comma();
    sink.plain(methodName);
    sink.comma();
    sink.field(address.line1);
    sink.comma();
    sink.field(address.city);
    sink.comma();
    sink.plain(address.state.code);
    sink.comma();
    sink.plain(address.zip);
    sink.comma();
    sink.cents(subtotal);
    sink.comma();
    sink.cents(discount);
    sink.comma();
    sink.cents(tax);
    sink.comma();
    sink.cents(shipping);
    sink.comma();
    sink.cents(total);
    sink.comma();
    if (shipped) sink.timestamp(shippedSecond, calendar);
    sink.comma();
    if (delivered) sink.timestamp(deliveredSecond, calendar);
    sink.comma();
    if (returned) sink.timestamp(returnedSecond as number, calendar);
    sink.newline();
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) this.row(id, this.layout.layout(this.layout.blockOf(id)), sink);
  }
}
