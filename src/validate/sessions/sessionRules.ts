// WEB-04, -05, -06, -07, -10 and -15: rules over a session's events in event_id order. SessionRules is fed one
// session at a time, each in event_id order, whichever way the events were gathered: straight from a
// file already in event_id order, or sorted in memory (sessionReplay) when the file is shuffled. The same
// code judges both, so both give the same verdicts.
import { productFingerprint, type OrderRowFacts } from '../facts.js';
import type { RuleTally } from '../ruleBook.js';
import type { StringTable } from '../stringTable.js';
import { formatTimestamp } from '../valueParsers.js';
import { SmallIdSet } from './smallIdSet.js';

const EVENT_KINDS = ['(other)', 'page_view', 'search', 'product_view', 'add_to_cart', 'remove_from_cart', 'begin_checkout', 'purchase'] as const;
export const PRODUCT_VIEW = 3;
export const ADD_TO_CART = 4;
export const REMOVE_FROM_CART = 5;
const BEGIN_CHECKOUT = 6;
export const PURCHASE = 7;
/** Stand-ins for NULL and unreadable ids; fit an Int32Array, never equal a real key (keys are >= 1). */
export const NULL_ID = -2147483648;
const BAD_ID = -2147483647;

export function eventKind(type: string): number {
  switch (type) {
    case 'page_view': return 1;
    case 'search': return 2;
    case 'product_view': return PRODUCT_VIEW;
    case 'add_to_cart': return ADD_TO_CART;
    case 'remove_from_cart': return REMOVE_FROM_CART;
    case 'begin_checkout': return BEGIN_CHECKOUT;
    case 'purchase': return PURCHASE;
    default: return 0;
  }
}

/** A reference column (customer_id, product_id) as an Int32 for compact storage; `id` is parseInteger of `text`. */
export function referenceNumber(text: string, id: number): number {
  if (text === '') return NULL_ID;
  return Number.isInteger(id) && id > BAD_ID && id <= 2147483647 ? id : BAD_ID;
}

/** One web event as the session rules see it; a single instance is refilled for each row. */
export class SessionEvent {
  line = 0;
  eventId = 0;
  session = 0;
  customer = NULL_ID;
  product = NULL_ID;
  order = NULL_ID;
  kind = 0;
  timestamp = Number.NaN;
  identity = 0;
}

/** Small numbers for the distinct values of one column, in first-seen order. */
class ValueNumbers {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  number(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      // Keys are kept for the run: copy the slice so it does not hold its whole chunk of file text.
      const kept = Buffer.from(value).toString();
      number = this.values.length;
      this.values.push(kept);
      this.numbers.set(kept, number);
    }
    return number;
  }
}

/** Interns (device_type, browser, operating_system, traffic_source) combinations to small numbers. */
export class IdentityTable {
  private readonly columns = [new ValueNumbers(), new ValueNumbers(), new ValueNumbers(), new ValueNumbers()] as const;
  private readonly numbers = new Map<number | string, number>();
  private readonly texts: string[] = [];
  /** Each combination's four values, by number: a worker's numbers are mapped to the run's by them. */
  readonly combinations: (readonly [string, string, string, string])[] = [];

  /** The last combination asked for and its number: a session's events repeat it, and comparing four short texts costs less than hashing them. */
  private lastDevice = '';
  private lastBrowser = '';
  private lastSystem = '';
  private lastSource = '';
  private lastNumber = -1;

  number(device: string, browser: string, system: string, source: string): number {
    if (this.lastNumber >= 0 && device === this.lastDevice && browser === this.lastBrowser && system === this.lastSystem && source === this.lastSource) return this.lastNumber;
    const number = this.lookUp(device, browser, system, source);
    this.lastDevice = device;
    this.lastBrowser = browser;
    this.lastSystem = system;
    this.lastSource = source;
    this.lastNumber = number;
    return number;
  }

  private lookUp(device: string, browser: string, system: string, source: string): number {
    const [devices, browsers, systems, sources] = this.columns;
    const d = devices.number(device);
    const b = browsers.number(browser);
    const o = systems.number(system);
    const s = sources.number(source);
    // A few values each in real data: one number keys the combination; a text key past 1024 values.
    const key = (d | b | o | s) < 1024 ? ((d * 1024 + b) * 1024 + o) * 1024 + s : `${d},${b},${o},${s}`;
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.texts.length;
      this.texts.push(`device_type=${devices.values[d]} browser=${browsers.values[b]} operating_system=${systems.values[o]} traffic_source=${sources.values[s]}`);
      this.combinations.push([devices.values[d] as string, browsers.values[b] as string, systems.values[o] as string, sources.values[s] as string]);
      this.numbers.set(key, number);
    }
    return number;
  }

  text(number: number): string {
    return this.texts[number] ?? '';
  }
}

export interface SessionTallies {
  readonly contiguous: RuleTally;
  readonly time: RuleTally;
  readonly identity: RuleTally;
  readonly addToCart: RuleTally;
  readonly checkout: RuleTally;
  readonly cart: RuleTally;
}

function idText(id: number): string {
  return id === NULL_ID ? '' : id === BAD_ID ? '(unreadable)' : String(id);
}

export class SessionRules {
  private session = -1;
  private previousId = 0;
  private previousTime = Number.NaN;
  private customer = NULL_ID;
  private identity = 0;
  private checkedOut = false;
  private readonly viewed = new SmallIdSet();
  /** The session's cart: products added and not removed since. */
  private readonly cart = new SmallIdSet();

  /** `orders`: the orders' facts (customer, item fingerprints) for WEB-15; without them it is not judged. */
  constructor(
    private readonly file: string,
    private readonly tallies: SessionTallies,
    private readonly sessions: StringTable,
    private readonly identities: IdentityTable,
    private readonly orders?: OrderRowFacts,
  ) {}

  private values(event: SessionEvent): Record<string, string> {
    return {
      session_id: this.sessions.text(event.session),
      event_type: EVENT_KINDS[event.kind] ?? '',
      event_timestamp: formatTimestamp(event.timestamp),
      customer_id: idText(event.customer),
      product_id: idText(event.product),
    };
  }

  /** WEB-15: the cart at a purchase, net of removes, is its order's set of products. */
  private judgeCart(event: SessionEvent): void {
    const orders = this.orders;
    if (!orders || event.order === NULL_ID) return;
    const slot = orders.ids.get(event.order);
    if (slot < 0) return;
    let fingerprint = 0;
    for (const product of this.cart.values()) fingerprint = (fingerprint + productFingerprint(product)) | 0;
    const items = orders.itemCount[slot] as number;
    if (this.cart.size === items && fingerprint === orders.itemProducts[slot]) return;
    const cart = [...this.cart.values()].map(idText).sort().join(' ');
    this.tallies.cart.add(this.file, event.line, () => ({
      key: `event_id=${event.eventId}`,
      values: { ...this.values(event), order_id: idText(event.order), cart },
      problem: `the session's cart (${this.cart.size} products, net of removes) is not order ${idText(event.order)}'s ${items} products`,
    }));
  }

  /** The next event: of the current session in event_id order, or the first of a new session. */
  feed(event: SessionEvent): void {
    const { file, tallies } = this;
    if (event.session !== this.session) {
      this.session = event.session;
      this.customer = event.customer;
      this.identity = event.identity;
      this.checkedOut = false;
      this.viewed.clear();
      this.cart.clear();
      this.previousTime = Number.NaN;
    } else {
      if (event.eventId !== this.previousId + 1) {
        const previous = this.previousId;
        tallies.contiguous.add(file, event.line, () => ({
          key: `event_id=${event.eventId}`,
          values: this.values(event),
          problem:
            event.eventId === previous + 2
              ? `the session's previous event is ${previous}: event ${previous + 1} is missing or belongs to another session`
              : `the session's previous event is ${previous}, not ${event.eventId - 1}`,
        }));
      }
      if (event.timestamp < this.previousTime) {
        const previous = this.previousTime;
        tallies.time.add(file, event.line, () => ({
          key: `event_id=${event.eventId}`,
          values: { ...this.values(event), 'previous event_timestamp': formatTimestamp(previous) },
          problem: `event_timestamp goes back in time from the session's previous event (${formatTimestamp(previous)})`,
        }));
      }
      if (event.customer !== this.customer || event.identity !== this.identity) {
        const first = `customer_id=${idText(this.customer)} ${this.identities.text(this.identity)}`;
        const now = `customer_id=${idText(event.customer)} ${this.identities.text(event.identity)}`;
        tallies.identity.add(file, event.line, () => ({ key: `event_id=${event.eventId}`, values: this.values(event), problem: `the visitor changes within the session: ${now} after ${first}` }));
      }
    }
    this.previousId = event.eventId;
    if (!Number.isNaN(event.timestamp)) this.previousTime = event.timestamp;
    switch (event.kind) {
      case PRODUCT_VIEW:
        if (event.product !== NULL_ID) this.viewed.add(event.product);
        break;
      case REMOVE_FROM_CART:
        this.cart.delete(event.product);
        break;
      case ADD_TO_CART:
        this.cart.add(event.product);
        if (event.product !== NULL_ID && !this.viewed.has(event.product)) {
          tallies.addToCart.add(file, event.line, () => ({ key: `event_id=${event.eventId}`, values: this.values(event), problem: `add_to_cart of product ${idText(event.product)} without an earlier product_view of it in the session` }));
        }
        break;
      case BEGIN_CHECKOUT:
        this.checkedOut = true;
        break;
      case PURCHASE:
        if (!this.checkedOut) tallies.checkout.add(file, event.line, () => ({ key: `event_id=${event.eventId}`, values: this.values(event), problem: 'purchase without an earlier begin_checkout in the session' }));
        this.judgeCart(event);
        break;
      default:
        break;
    }
  }
}
