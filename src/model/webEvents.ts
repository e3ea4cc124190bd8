import { Rng, streamKey } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import { DEVICE_PROFILES, SEARCH_TERMS_BY_CATEGORY, STATIC_PAGES, TRAFFIC_SOURCES, type Weighted } from '../vocab/web.js';
import type { Category } from '../vocab/catalog.js';
import type { RowSink } from '../csv/rowSink.js';
import { csvText } from './csvText.js';
import type { World } from './world.js';

type EventType = 'page_view' | 'search' | 'product_view' | 'add_to_cart' | 'remove_from_cart' | 'begin_checkout' | 'purchase';

interface DeviceChoice {
  readonly device: string;
  readonly osChoice: WeightedChoice<number>;
  readonly operatingSystems: readonly { readonly os: string; readonly browserChoice: WeightedChoice<string> }[];
}

function choiceOfWeighted(items: readonly Weighted<string>[]): WeightedChoice<string> {
  return new WeightedChoice(items.map((item) => item.value), items.map((item) => item.weight));
}

const HEX_DIGITS = 16;
function hex(value: number, width: number): string {
  return (value >>> 0).toString(HEX_DIGITS).padStart(width, '0');
}

const TWO_POW_32 = 4294967296;

/**
 * Web events in fixed blocks of events (part of the data's definition): each block is a sequence of
 * sessions walked from one block-seeded stream, so an event depends only on (seed, block). A session
 * is a run of consecutive event ids that walks the funnel; its start follows the traffic curve by
 * position, so event ids follow time.
 */
export class WebEventGenerator {
  private readonly rng = new Rng();
  private readonly devices: readonly DeviceChoice[];
  private readonly deviceChoice: WeightedChoice<number>;
  private readonly trafficChoice: WeightedChoice<string>;
  private readonly pageChoice: WeightedChoice<string>;
  private readonly categoryChoice: WeightedChoice<number>;
  private readonly viewed: number[] = [];
  private readonly cart: number[] = [];
  private readonly maskHigh: number;
  private readonly maskLow: number;
  private sink: RowSink | undefined;
  private from = 0;
  private to = 0;

  constructor(private readonly world: World) {
    this.devices = DEVICE_PROFILES.map((profile) => ({
      device: profile.device,
      osChoice: new WeightedChoice(profile.operatingSystems.map((_, index) => index), profile.operatingSystems.map((os) => os.weight)),
      operatingSystems: profile.operatingSystems.map((os) => ({ os: os.os, browserChoice: choiceOfWeighted(os.browsers) })),
    }));
    this.deviceChoice = new WeightedChoice(DEVICE_PROFILES.map((_, index) => index), DEVICE_PROFILES.map((profile) => profile.weight));
    this.trafficChoice = choiceOfWeighted(TRAFFIC_SOURCES);
    this.pageChoice = choiceOfWeighted(STATIC_PAGES);
    this.categoryChoice = new WeightedChoice(world.catalog.categories.map((_, index) => index), world.catalog.categories.map((c) => c.share));
    const mask = streamKey(world.seed, 'web_events.session_mask');
    this.maskHigh = mask & 0xffff;
    this.maskLow = streamKey(world.seed, 'web_events.session_mask_low');
  }

  private productUrl(productId: number): string {
    return this.world.productUrls.url(productId);
  }

  /** UUID-shaped, random-looking, and unique: its last 48 bits are the session's first event id, masked. */
  private sessionId(firstEventId: number): string {
    const rng = this.rng;
    const a = rng.u32();
    const b = rng.u32();
    const c = rng.u32();
    const high = (Math.floor(firstEventId / TWO_POW_32) ^ this.maskHigh) & 0xffff;
    const low = ((firstEventId >>> 0) ^ this.maskLow) >>> 0;
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(8 | (c & 3), 1)}${hex((c >>> 4) & 0xfff, 3)}-${hex(high, 4)}${hex(low, 8)}`;
  }

  private pickProduct(second: number, category: number): number {
    const world = this.world;
    const limit = world.productTimeline.countBy(second);
    let productId = world.productTiers.pick(this.rng, limit);
    // A search narrows the next views to its category, still by popularity.
    for (let attempt = 0; attempt < 6 && category >= 0 && world.productFacts.categoryIndex(productId) !== category; attempt++) {
      productId = world.productTiers.pick(this.rng, limit);
    }
    return productId;
  }

  rows(from: number, to: number, sink: RowSink): void {
    this.sink = sink;
    this.from = from;
    this.to = to;
    const perBlock = this.world.config.webEvents.eventsPerBlock;
    const firstBlock = Math.floor((from - 1) / perBlock);
    const lastBlock = Math.floor((to - 1) / perBlock);
    for (let block = firstBlock; block <= lastBlock; block++) this.walkBlock(block);
    this.sink = undefined;
  }

  private walkBlock(block: number): void {
    const world = this.world;
    const perBlock = world.config.webEvents.eventsPerBlock;
    const total = world.counts.web_events;
    const blockEnd = Math.min((block + 1) * perBlock, total);
    this.rng.reseed(world.keys.webBlock, block);
    let eventId = block * perBlock + 1;
    while (eventId <= blockEnd) eventId = this.walkSession(eventId, blockEnd);
  }

  /** Walks one session starting at `firstId`; returns the id after its last event. */
  private walkSession(firstId: number, blockEnd: number): number {
    const world = this.world;
    const config = world.config.webEvents;
    const funnel = config.funnel;
    const rng = this.rng;
    const calendar = world.calendar;
    const total = world.counts.web_events;

    const p = 1 / config.meanSessionEvents;
    const drawnLength = 1 + Math.floor(Math.log(1 - rng.float()) / Math.log(1 - p + 1e-12));
    const length = Math.min(drawnLength, config.maxSessionEvents, blockEnd - firstId + 1);
    let second = Math.floor(world.sessionCurve.timeAt((firstId - 1 + rng.float()) / total));
    const sessionId = this.sessionId(firstId);
    const device = this.devices[this.deviceChoice.pickIndex(rng)] as DeviceChoice;
    const os = device.operatingSystems[device.osChoice.pickIndex(rng)];
    if (!os) throw new Error('device without operating systems');
    const browser = os.browserChoice.pick(rng);
    const source = this.trafficChoice.pick(rng);
    const customerLimit = world.counts.customers > 0 ? world.customerTimeline.countBy(second) : 0;
    const customerId = customerLimit > 0 && rng.chance(config.loggedInShare) ? world.customerTiers.pick(rng, customerLimit) : 0;
    const customerText = customerId > 0 ? String(customerId) : '';
    const hasProducts = world.counts.products > 0;
    const tail = `,${source},${device.device},${browser},${os.os}\n`;
    const viewed = this.viewed;
    const cart = this.cart;
    viewed.length = 0;
    cart.length = 0;
    let searchCategory = -1;
    let checkingOut = false;
    let justViewed = false;

    let eventId = firstId;
    const sink = this.sink as RowSink;
    const emit = (type: EventType, productId: number, url: string, query: string): void => {
      if (eventId >= this.from && eventId <= this.to) {
        sink.push(`${eventId},${sessionId},${customerText},${productId > 0 ? productId : ''},${type},${calendar.timestamp(second)},${url},${query}${tail}`);
      }
      eventId++;
    };

    // Landing: campaigns often land on a product page, everything else on a site page.
    const campaign = source === 'paid_search' || source === 'social' || source === 'email';
    if (hasProducts && campaign && rng.chance(funnel.campaignLandsOnProduct)) {
      const productId = this.pickProduct(second, -1);
      viewed.push(productId);
      justViewed = true;
      emit('product_view', productId, this.productUrl(productId), '');
    } else {
      emit('page_view', 0, this.pageChoice.pick(rng), '');
    }

    while (eventId < firstId + length) {
      const gap = config.gapSeconds.median * Math.exp(config.gapSeconds.sigma * rng.normal());
      second = Math.min(second + Math.max(1, Math.min(Math.round(gap), config.gapSeconds.max)), world.windowLast);
      if (checkingOut) {
        checkingOut = false;
        if (customerId > 0 && rng.chance(funnel.purchaseAfterCheckout)) {
          emit('purchase', 0, '/checkout/confirmation', '');
          break;
        }
        if (rng.chance(funnel.abandonAtCheckout)) break;
      }
      const roll = rng.float();
      // A cart add happens on the product page just viewed, not pages later.
      const lastViewed = justViewed && viewed.length > 0 ? (viewed[viewed.length - 1] as number) : 0;
      justViewed = false;
      if (cart.length > 0 && roll < funnel.checkoutWithCart) {
        checkingOut = true;
        emit('begin_checkout', 0, '/checkout', '');
      } else if (cart.length > 0 && roll < funnel.checkoutWithCart + funnel.removeFromCart) {
        const index = rng.below(cart.length);
        const productId = cart[index] as number;
        cart.splice(index, 1);
        emit('remove_from_cart', productId, '/cart', '');
      } else if (lastViewed > 0 && !cart.includes(lastViewed) && rng.chance(funnel.addToCartAfterView)) {
        cart.push(lastViewed);
        emit('add_to_cart', lastViewed, this.productUrl(lastViewed), '');
      } else if (rng.chance(funnel.search)) {
        searchCategory = this.categoryChoice.pickIndex(rng);
        const name = (world.catalog.categories[searchCategory] as Category).name;
        const query = rng.pick(SEARCH_TERMS_BY_CATEGORY[name]);
        emit('search', 0, csvText(`/search?q=${query.replace(/ /g, '+')}`), csvText(query));
      } else if (!hasProducts || rng.chance(funnel.sitePageView)) {
        emit('page_view', 0, this.pageChoice.pick(rng), '');
      } else {
        const productId = this.pickProduct(second, searchCategory);
        viewed.push(productId);
        justViewed = true;
        emit('product_view', productId, this.productUrl(productId), '');
      }
    }
    return eventId;
  }
}
