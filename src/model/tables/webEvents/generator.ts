import { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import { DEVICE_PROFILES, SEARCH_TERMS_BY_CATEGORY, STATIC_PAGES, TRAFFIC_SOURCES, type Weighted } from '../../../vocab/web.js';
import type { Category } from '../../../vocab/categories/index.js';
import { encodeText, writeDigits, writeHex, type RowSink } from '../../../encoding/rowSink.js';
import { csvText } from '../../../encoding/csvText.js';
import { OrderCustomers } from '../../orderCustomers.js';
import { ProductPicker } from '../../productPicker.js';
import type { World } from '../../world.js';
import { ProductUrls } from './productUrls.js';

interface DeviceChoice {
  readonly osChoice: WeightedChoice<number>;
  readonly operatingSystems: readonly {
    readonly browserChoice: WeightedChoice<string>;
    /** Index of this device + OS's first browser among all (device, OS, browser) combinations. */
    readonly firstCombination: number;
  }[];
}

/** A search term as it lands in the row: the results page's URL and the query, both CSV-ready. */
interface SearchText {
  readonly url: Uint8Array;
  readonly query: Uint8Array;
}

/** `,<type>,` of each event type: the row's fields around it are the product id and the timestamp. */
const TYPE_FIELD = {
  page_view: encodeText(',page_view,'),
  search: encodeText(',search,'),
  product_view: encodeText(',product_view,'),
  add_to_cart: encodeText(',add_to_cart,'),
  remove_from_cart: encodeText(',remove_from_cart,'),
  begin_checkout: encodeText(',begin_checkout,'),
  purchase: encodeText(',purchase,'),
} as const;

const CHECKOUT_URL = encodeText('/checkout');
const CONFIRMATION_URL = encodeText('/checkout/confirmation');
const CART_URL = encodeText('/cart');
const NO_TEXT = new Uint8Array(0);

function choiceOfWeighted(items: readonly Weighted<string>[]): WeightedChoice<string> {
  return new WeightedChoice(items.map((item) => item.value), items.map((item) => item.weight));
}

/** `,` + a 36-character session id + `,`: where the customer id starts in a session's prefix. */
const SESSION_ID_END = 38;
/** The prefix, then a customer id of at most 16 digits and a comma. */
const SESSION_PREFIX_BYTES = SESSION_ID_END + 17;
const COMMA = 44;
const DASH = 45;
const FOUR = 52;

const TWO_POW_32 = 4294967296;

/**
 * Web events in fixed blocks of events (part of the data's definition): each block is a sequence of
 * sessions walked from one block-seeded stream, so an event depends only on (seed, block). A session
 * is a run of consecutive event ids that walks the funnel; its start follows the traffic curve by
 * position, so event ids follow time. Rows are written field by field into the sink's bytes: this table
 * is 70% of a run's rows, and a string per row was a quarter of a worker's time in building, flattening
 * and collecting it.
 */
export class WebEventGenerator {
  private readonly rng = new Rng();
  private readonly devices: readonly DeviceChoice[];
  private readonly deviceChoice: WeightedChoice<number>;
  private readonly trafficChoice: WeightedChoice<string>;
  private readonly pageChoice: WeightedChoice<Uint8Array>;
  private readonly sourceFields: readonly string[];
  /** `,<device>,<browser>,<os>\n` of every (device, OS, browser) combination. */
  private readonly deviceFields: string[] = [];
  /** `,<source>` + a device field, made on first use: index source * combinations + combination. */
  private readonly tails: (Uint8Array | undefined)[] = [];
  private readonly categoryChoice: WeightedChoice<number>;
  private readonly searchTexts: readonly (readonly SearchText[])[];
  private readonly viewed: number[] = [];
  private readonly cart: number[] = [];
  private readonly maskHigh: number;
  private readonly maskLow: number;
  private readonly productUrls: ProductUrls;
  private readonly picker: ProductPicker;
  private readonly customers: OrderCustomers;
  private sink: RowSink | undefined;
  private from = 0;
  private to = 0;

  // The session being walked: what every one of its rows repeats, and where it stands.
  private readonly prefixBuffer = new Uint8Array(SESSION_PREFIX_BYTES);
  /** `,<session id>,<customer id or nothing>,` */
  private sessionPrefix: Uint8Array = NO_TEXT;
  /** `,<source>,<device>,<browser>,<os>\n` */
  private sessionTail: Uint8Array = NO_TEXT;
  private eventId = 0;
  private second = 0;

  constructor(private readonly world: World) {
    this.devices = DEVICE_PROFILES.map((profile) => ({
      osChoice: new WeightedChoice(profile.operatingSystems.map((_, index) => index), profile.operatingSystems.map((os) => os.weight)),
      operatingSystems: profile.operatingSystems.map((os) => {
        const firstCombination = this.deviceFields.length;
        for (const browser of os.browsers) this.deviceFields.push(`,${profile.device},${browser.value},${os.os}\n`);
        return { browserChoice: choiceOfWeighted(os.browsers), firstCombination };
      }),
    }));
    this.deviceChoice = new WeightedChoice(DEVICE_PROFILES.map((_, index) => index), DEVICE_PROFILES.map((profile) => profile.weight));
    this.trafficChoice = choiceOfWeighted(TRAFFIC_SOURCES);
    this.pageChoice = new WeightedChoice(STATIC_PAGES.map((page) => encodeText(page.value)), STATIC_PAGES.map((page) => page.weight));
    this.sourceFields = this.trafficChoice.values.map((source) => `,${source}`);
    this.categoryChoice = new WeightedChoice(world.catalog.categories.map((_, index) => index), world.catalog.categories.map((c) => c.share));
    this.searchTexts = world.catalog.categories.map((category) =>
      SEARCH_TERMS_BY_CATEGORY[(category as Category).name].map((query) => ({
        url: encodeText(csvText(`/search?q=${query.replace(/ /g, '+')}`)),
        query: encodeText(csvText(query)),
      })),
    );
    this.maskHigh = world.keys.webSessionMaskHigh & 0xffff;
    this.maskLow = world.keys.webSessionMaskLow;
    this.productUrls = new ProductUrls(world);
    this.picker = new ProductPicker(world);
    this.customers = new OrderCustomers(world);
  }

  private tail(sourceIndex: number, combination: number): Uint8Array {
    const index = sourceIndex * this.deviceFields.length + combination;
    let tail = this.tails[index];
    if (tail === undefined) {
      tail = encodeText(`${this.sourceFields[sourceIndex] as string}${this.deviceFields[combination] as string}`);
      this.tails[index] = tail;
    }
    return tail;
  }

  /**
   * Draws the session id and writes `,<session id>,` at the start of the prefix buffer. The id is
   * UUID-shaped, random-looking, and unique: its last 48 bits are the session's first event id, masked.
   */
  private drawSessionId(firstEventId: number): void {
    const rng = this.rng;
    const a = rng.u32();
    const b = rng.u32();
    const c = rng.u32();
    const high = (Math.floor(firstEventId / TWO_POW_32) ^ this.maskHigh) & 0xffff;
    const low = ((firstEventId >>> 0) ^ this.maskLow) >>> 0;
    const bytes = this.prefixBuffer;
    bytes[0] = COMMA;
    let at = writeHex(bytes, 1, a, 8);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, b >>> 16, 4);
    bytes[at++] = DASH;
    bytes[at++] = FOUR;
    at = writeHex(bytes, at, b & 0xfff, 3);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, 8 | (c & 3), 1);
    at = writeHex(bytes, at, (c >>> 4) & 0xfff, 3);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, high, 4);
    at = writeHex(bytes, at, low, 8);
    bytes[at] = COMMA;
  }

  /** Completes the session's prefix with its customer id (nothing for an anonymous session). */
  private setCustomer(customerId: number): void {
    const bytes = this.prefixBuffer;
    let at = SESSION_ID_END;
    if (customerId > 0) at = writeDigits(bytes, at, customerId);
    bytes[at++] = COMMA;
    this.sessionPrefix = bytes.subarray(0, at);
  }

  private pickProduct(second: number, category: number): number {
    const world = this.world;
    let productId = this.picker.pick(this.rng, second);
    // A search narrows the next views to its category, still by popularity.
    for (let attempt = 0; attempt < 6 && category >= 0 && world.productFacts.categoryIndex(productId) !== category; attempt++) {
      productId = this.picker.pick(this.rng, second);
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

  /**
   * Writes the session's next event (when it falls in the requested range) and moves past it. A null
   * `url` is the product's own page.
   */
  private emit(typeField: Uint8Array, productId: number, url: Uint8Array | null, query: Uint8Array): void {
    const eventId = this.eventId;
    this.eventId = eventId + 1;
    if (eventId < this.from || eventId > this.to) return;
    const sink = this.sink as RowSink;
    sink.int(eventId);
    sink.encoded(this.sessionPrefix);
    sink.optionalInt(productId);
    sink.encoded(typeField);
    sink.timestamp(this.second, this.world.calendar);
    sink.comma();
    if (url === null) this.productUrls.write(sink, productId);
    else sink.encoded(url);
    sink.comma();
    sink.encoded(query);
    sink.encoded(this.sessionTail);
  }

  /** Walks one session starting at `firstId`; returns the id after its last event. */
  private walkSession(firstId: number, blockEnd: number): number {
    const world = this.world;
    const config = world.config.webEvents;
    const funnel = config.funnel;
    const rng = this.rng;
    const total = world.counts.web_events;

    const p = 1 / config.meanSessionEvents;
    const drawnLength = 1 + Math.floor(Math.log(1 - rng.float()) / Math.log(1 - p + 1e-12));
    const length = Math.min(drawnLength, config.maxSessionEvents, blockEnd - firstId + 1);
    this.second = Math.floor(world.sessionCurve.timeAt((firstId - 1 + rng.float()) / total));
    this.drawSessionId(firstId);
    const device = this.devices[this.deviceChoice.pickIndex(rng)] as DeviceChoice;
    const os = device.operatingSystems[device.osChoice.pickIndex(rng)];
    if (!os) throw new Error('device without operating systems');
    const combination = os.firstCombination + os.browserChoice.pickIndex(rng);
    const sourceIndex = this.trafficChoice.pickIndex(rng);
    const source = this.trafficChoice.values[sourceIndex] as string;
    this.sessionTail = this.tail(sourceIndex, combination);
    const customerId = world.counts.customers > 0 && world.customerTimeline.countBy(this.second) > 0 && rng.chance(config.loggedInShare)
      ? this.customers.visitor(rng, this.second)
      : 0;
    this.setCustomer(customerId);
    const hasProducts = world.counts.products > 0;
    const viewed = this.viewed;
    const cart = this.cart;
    viewed.length = 0;
    cart.length = 0;
    let searchCategory = -1;
    let checkingOut = false;
    let justViewed = false;
    this.eventId = firstId;

    // Landing: campaigns often land on a product page, everything else on a site page.
    const campaign = source === 'paid_search' || source === 'social' || source === 'email';
    if (hasProducts && campaign && rng.chance(funnel.campaignLandsOnProduct)) {
      const productId = this.pickProduct(this.second, -1);
      viewed.push(productId);
      justViewed = true;
      this.emit(TYPE_FIELD.product_view, productId, null, NO_TEXT);
    } else {
      this.emit(TYPE_FIELD.page_view, 0, this.pageChoice.pick(rng), NO_TEXT);
    }

    while (this.eventId < firstId + length) {
      const gap = config.gapSeconds.median * Math.exp(config.gapSeconds.sigma * rng.normal());
      this.second = Math.min(this.second + Math.max(1, Math.min(Math.round(gap), config.gapSeconds.max)), world.windowLast);
      if (checkingOut) {
        checkingOut = false;
        if (customerId > 0 && rng.chance(funnel.purchaseAfterCheckout)) {
          this.emit(TYPE_FIELD.purchase, 0, CONFIRMATION_URL, NO_TEXT);
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
        this.emit(TYPE_FIELD.begin_checkout, 0, CHECKOUT_URL, NO_TEXT);
      } else if (cart.length > 0 && roll < funnel.checkoutWithCart + funnel.removeFromCart) {
        const index = rng.below(cart.length);
        const productId = cart[index] as number;
        cart.splice(index, 1);
        this.emit(TYPE_FIELD.remove_from_cart, productId, CART_URL, NO_TEXT);
      } else if (lastViewed > 0 && !cart.includes(lastViewed) && rng.chance(funnel.addToCartAfterView)) {
        cart.push(lastViewed);
        this.emit(TYPE_FIELD.add_to_cart, lastViewed, null, NO_TEXT);
      } else if (rng.chance(funnel.search)) {
        searchCategory = this.categoryChoice.pickIndex(rng);
        const search = rng.pick(this.searchTexts[searchCategory] as readonly SearchText[]);
        this.emit(TYPE_FIELD.search, 0, search.url, search.query);
      } else if (!hasProducts || rng.chance(funnel.sitePageView)) {
        this.emit(TYPE_FIELD.page_view, 0, this.pageChoice.pick(rng), NO_TEXT);
      } else {
        const productId = this.pickProduct(this.second, searchCategory);
        viewed.push(productId);
        justViewed = true;
        this.emit(TYPE_FIELD.product_view, productId, null, NO_TEXT);
      }
    }
    return this.eventId;
  }
}
