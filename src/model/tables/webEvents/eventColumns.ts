// Web events as typed values for a Parquet shard (TypedRows): the values the generator's CSV rows hold,
// field by field, so the columns are those csvColumns reads from the rows. An id is a number, not digits
// to parse back; texts (the session id, URLs, the session's source and device) are copied from the
// bytes the CSV path copies.
import { forcesQuotes } from '../../../encoding/csvText.js';
import type { TypedRows } from '../../../encoding/parquet/typedRows.js';
import { encodeText } from '../../../encoding/rowSink.js';
import { WEB_EVENT_COLUMNS } from './columns.js';
import { ProductUrls } from './productUrls.js';

// Where each column is in the shard: found by name, so a reordered column list cannot swap two columns.
const EVENT_ID = WEB_EVENT_COLUMNS.indexOf('event_id');
const SESSION_ID = WEB_EVENT_COLUMNS.indexOf('session_id');
const CUSTOMER_ID = WEB_EVENT_COLUMNS.indexOf('customer_id');
const PRODUCT_ID = WEB_EVENT_COLUMNS.indexOf('product_id');
const ORDER_ID = WEB_EVENT_COLUMNS.indexOf('order_id');
const EVENT_TYPE = WEB_EVENT_COLUMNS.indexOf('event_type');
const EVENT_TIMESTAMP = WEB_EVENT_COLUMNS.indexOf('event_timestamp');
const PAGE_URL = WEB_EVENT_COLUMNS.indexOf('page_url');
const SEARCH_QUERY = WEB_EVENT_COLUMNS.indexOf('search_query');
const TRAFFIC_SOURCE = WEB_EVENT_COLUMNS.indexOf('traffic_source');
const DEVICE_TYPE = WEB_EVENT_COLUMNS.indexOf('device_type');
const BROWSER = WEB_EVENT_COLUMNS.indexOf('browser');
const OPERATING_SYSTEM = WEB_EVENT_COLUMNS.indexOf('operating_system');
const ID_COLUMNS: readonly number[] = [EVENT_ID, CUSTOMER_ID, PRODUCT_ID, ORDER_ID];

/** The type each column must have: an id may be INTEGER or BIGINT, as csvColumns reads either from digits. */
const KINDS: readonly (readonly string[])[] = WEB_EVENT_COLUMNS.map((_, index) =>
  ID_COLUMNS.includes(index) ? ['INTEGER', 'BIGINT'] : index === EVENT_TIMESTAMP ? ['TIMESTAMP'] : ['VARCHAR'],
);

/** In the session prefix `,<session id>,`: where the 36 characters of the id are. */
const SESSION_ID_FROM = 1;
const SESSION_ID_TO = 37;
const SEARCH_PATH = encodeText('/search?q=');
const SPACE = 32;
const PLUS = 43;
const NON_ASCII = 0x80;
const EMPTY = new Uint8Array(0);

/** Whether every text is one CSV writes bare (no comma, quote or line break), so its field reads back as it is. */
export function typedColumnsFit(texts: readonly Uint8Array[]): boolean {
  return texts.every((text) => text.every((byte) => byte >= NON_ASCII || !forcesQuotes(byte)));
}

/**
 * One shard's events written into TypedRows, a row at a time: `row`, then the URL (`url`, `productUrl`
 * or, after `search`, `searchFields`), which ends the row. What a session's rows share (its id, customer,
 * source and device) is given once by `session` and written for all its rows when the next session
 * starts, or at `flush`: written value by value, row by row, they were about a third of the typed rows' time.
 */
export class EventColumns {
  /** Set when a search query is one CSV would quote: the shard then takes the CSV path. */
  declined = false;
  private searchUrl = new Uint8Array(64);
  private queryBytes = new Uint8Array(64);
  private queryLength = 0;
  /** The session's id (a copy: the generator's prefix is rewritten by the next session before it is flushed). */
  private readonly sessionId = new Uint8Array(SESSION_ID_TO - SESSION_ID_FROM);
  private customerId = 0;
  private source: Uint8Array = EMPTY;
  private device: Uint8Array = EMPTY;
  private browser: Uint8Array = EMPTY;
  private os: Uint8Array = EMPTY;
  /** The session's first row. */
  private sessionFrom = 0;

  constructor(private readonly rows: TypedRows) {}

  /** Whether the rows' columns are web_events' (`names`), typed as the generator's values fit. */
  static fit(rows: TypedRows, names: readonly string[]): boolean {
    return rows.names.length === names.length && names.every((name, index) => rows.names[index] === name && (KINDS[index] as readonly string[]).includes((rows.types[index] as { kind: string }).kind));
  }

  /**
   * The next rows are a new session's: its id (in `prefix`, the generator's `,<session id>,...`),
   * customer id (0: NULL), traffic source, device, browser and operating system.
   */
  session(prefix: Uint8Array, customerId: number, source: Uint8Array, device: Uint8Array, browser: Uint8Array, os: Uint8Array): void {
    this.flush();
    // By hand: a native copy needs a subarray made for it.
    for (let at = SESSION_ID_FROM; at < SESSION_ID_TO; at++) this.sessionId[at - SESSION_ID_FROM] = prefix[at] as number;
    this.customerId = customerId;
    this.source = source;
    this.device = device;
    this.browser = browser;
    this.os = os;
  }

  /** Writes the session's shared values into its rows so far. */
  flush(): void {
    const rows = this.rows;
    const from = this.sessionFrom;
    if (rows.count > from) {
      rows.fillText(SESSION_ID, this.sessionId, from);
      rows.fillInt(CUSTOMER_ID, this.customerId > 0 ? this.customerId : 0, from);
      rows.fillText(TRAFFIC_SOURCE, this.source, from);
      rows.fillText(DEVICE_TYPE, this.device, from);
      rows.fillText(BROWSER, this.browser, from);
      rows.fillText(OPERATING_SYSTEM, this.os, from);
    }
    this.sessionFrom = rows.count;
  }

  /** Starts a row of the session: its id, product and order ids (0: NULL), event type and second. */
  row(eventId: number, productId: number, orderId: number, type: Uint8Array, second: number): void {
    const rows = this.rows;
    rows.begin();
    rows.int(EVENT_ID, eventId);
    if (productId > 0) rows.int(PRODUCT_ID, productId);
    else rows.none(PRODUCT_ID);
    if (orderId > 0) rows.int(ORDER_ID, orderId);
    else rows.none(ORDER_ID);
    rows.text(EVENT_TYPE, type, 0, type.length);
    rows.seconds(EVENT_TIMESTAMP, second);
  }

  /** A fixed URL, held with the comma before it (as the generator keeps its URL fields); no search query. */
  url(field: Uint8Array): void {
    this.rows.text(PAGE_URL, field, 1, field.length);
    this.rows.none(SEARCH_QUERY);
    this.rows.end();
  }

  /** The product's own page, written in place; no search query. */
  productUrl(urls: ProductUrls, productId: number): void {
    const rows = this.rows;
    const slugRef = urls.slugRef(productId);
    const view = rows.textRoom(PAGE_URL, ProductUrls.bytes(slugRef));
    rows.wrote(PAGE_URL, urls.writePath(view, rows.textEnd(PAGE_URL), productId, slugRef));
    rows.none(SEARCH_QUERY);
    rows.end();
  }

  /** Makes a search's URL (spaces as '+') and query field, as the generator's CSV writes them bare. */
  search(query: string): void {
    const length = query.length;
    if (this.searchUrl.length < SEARCH_PATH.length + length) this.searchUrl = new Uint8Array(2 * (SEARCH_PATH.length + length));
    if (this.queryBytes.length < length) this.queryBytes = new Uint8Array(2 * length);
    const url = this.searchUrl;
    const field = this.queryBytes;
    url.set(SEARCH_PATH);
    for (let index = 0; index < length; index++) {
      const code = query.charCodeAt(index);
      url[SEARCH_PATH.length + index] = code === SPACE ? PLUS : code;
      field[index] = code;
      // The CSV path quotes such a query (or writes it as UTF-8): left to it.
      if (code >= NON_ASCII || forcesQuotes(code)) this.declined = true;
    }
    this.queryLength = length;
  }

  /** The URL and query `search` made (an empty query is NULL, as its empty field is). */
  searchFields(): void {
    this.rows.text(PAGE_URL, this.searchUrl, 0, SEARCH_PATH.length + this.queryLength);
    this.rows.text(SEARCH_QUERY, this.queryBytes, 0, this.queryLength);
    this.rows.end();
  }
}
