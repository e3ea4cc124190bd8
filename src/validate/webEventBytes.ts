// web_events' records checked from their bytes (see plainRows): the column checks (byteFields), the
// foreign keys, and the rules of webEventRules, each only as "passes"; a record any of them is not sure
// of is left to the string checks, which report it. A record that passes is taken as the string path
// takes it (its row, its session event, its purchase), without a string per field: prod's 5M events
// made a string of each of their 13 fields, and the collector's work with them.
import type { IdIndex } from './idIndex.js';
import { allowedField, digitsValue, holdsField, plainText, timestampBytes } from './byteFields.js';
import { ALLOWED, DECIMAL, INTEGER, TEXT, TIMESTAMP, ZIP, byteColumns } from './byteRecord.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import type { EventReader } from './sessions/eventReader.js';
import { ADD_TO_CART, NULL_ID, PRODUCT_VIEW, PURCHASE, REMOVE_FROM_CART, SessionEvent, eventKind } from './sessions/sessionRules.js';

/** A free-text session_id, read against the last record's (a kind beyond byteRecord's). */
const SESSION = 7;
const ZERO = 48;
const COMMA = 44;
const LF = 10;

/** Where a taken record goes: what webEventRules' sink gets. */
interface WebByteSink {
  purchase(row: number, orderSlot: number, order: number): void;
  event(row: number, event: SessionEvent): void;
}

export interface WebByteSetup extends PlainRowSetup {
  readonly reader: EventReader;
  readonly sink: WebByteSink;
}

/** The byte checker of web_events, or undefined when a column has no byte check (its records all take the string checks). */
export function webEventBytes(setup: WebByteSetup): PlainRow | undefined {
  const { schema, layout, now, columns, facts, reader, sink } = setup;
  if (!columns.keyOnly) return undefined;
  const width = layout.width;
  // By record index: the check's kind and its terms.
  const compiled = byteColumns(schema, layout, now);
  // Its fields are read as integers, timestamps, allowed values and texts only.
  if (!compiled || compiled.kinds.some((kind) => kind === DECIMAL || kind === ZIP)) return undefined;
  // A copy: the session_id's kind is changed below.
  const kinds = compiled.kinds.slice();
  const { nullable, lows, highs, allowed } = compiled;
  const eventIdAt = layout.at('event_id');
  const sessionAt = layout.at('session_id');
  const customerAt = layout.at('customer_id');
  const productAt = layout.at('product_id');
  const orderAt = layout.at('order_id');
  const typeAt = layout.at('event_type');
  const timestampAt = layout.at('event_timestamp');
  const deviceAt = layout.at('device_type');
  const browserAt = layout.at('browser');
  const systemAt = layout.at('operating_system');
  const sourceAt = layout.at('traffic_source');
  // A record's texts are kept for allowed-value columns only: the session identity and the event type
  // are read from them, so a schema where any of those is free text takes the string checks.
  if ([typeAt, deviceAt, browserAt, systemAt, sourceAt].some((at) => kinds[at] !== ALLOWED)) return undefined;
  // A free-text session_id is read against the last record's (see valuesPass).
  if (kinds[sessionAt] === TEXT) kinds[sessionAt] = SESSION;
  const foreignKeys = setup.foreignKeys.filter((foreignKey) => foreignKey.ids !== undefined).map((foreignKey) => ({ at: foreignKey.at, ids: foreignKey.ids as IdIndex }));
  // A foreign key's lookup serves the rules too when it is the same index (the customer's, the order's slot).
  const slots = new Int32Array(width).fill(-1);
  const customerLooked = facts.customers !== undefined && foreignKeys.some((foreignKey) => foreignKey.at === customerAt && foreignKey.ids === facts.customers?.ids);
  const orderLooked = facts.orders !== undefined && foreignKeys.some((foreignKey) => foreignKey.at === orderAt && foreignKey.ids === facts.orders?.ids);
  let doubledSpaces = true;
  const numbers = new Float64Array(width);
  const texts: string[] = new Array<string>(width).fill('');
  const event = new SessionEvent();
  // The last session_id's bytes and entry: a session's events follow each other.
  const lastSession = new Uint8Array(64);
  let lastSessionLength = -1;
  let lastSessionEntry = -1;
  let lastSessions = reader.sessions;
  /** Whether the record valuesPass read has the last record's session_id (`lastSession`). */
  let sessionSame = false;

  /** Field i of the record being taken is `bytes[bounds[i], bounds[i + 1] - 1)`, as valuesPass found it. */
  const bounds = new Int32Array(width + 1);

  /**
   * The record from `lineStart` has `width` fields whose values pass their column checks: numbers and
   * allowed texts are left in `numbers` and `texts`, the fields' bounds in `bounds`; returns where the
   * record ends (its LF, or `end`), -1 when not sure. Each field is read up to the comma or line end
   * that must follow it: an integer's digits or a timestamp's 19 characters end there.
   */
  const valuesPass = (bytes: Uint8Array, lineStart: number, end: number): number => {
    let start = lineStart;
    for (let at = 0; at < width; at++) {
      bounds[at] = start;
      let stop = start;
      switch (kinds[at]) {
        case INTEGER: {
          let value = 0;
          for (; stop < end; stop++) {
            const digit = (bytes[stop] as number) - ZERO;
            if (digit < 0 || digit > 9) break;
            value = value * 10 + digit;
          }
          // An empty field is NULL (NaN), checked below; NaN fails both bounds.
          const number = digitsValue(bytes, start, stop, value);
          if (stop > start && !(number >= (lows[at] as number) && number <= (highs[at] as number))) return -1;
          numbers[at] = number;
          break;
        }
        case SESSION: {
          // The last record's session_id again (a session's events follow each other): its bytes passed
          // the text check then, so they pass now, and the field needs no search for its end.
          const length = lastSessionLength;
          let same = length >= 0 && start + length < end && bytes[start + length] === COMMA;
          for (let index = 0; same && index < length; index++) same = lastSession[index] === bytes[start + index];
          sessionSame = same;
          if (same) {
            stop = start + length;
            break;
          }
          for (; stop < end; stop++) {
            const byte = bytes[stop] as number;
            if (byte === COMMA || byte === LF) break;
          }
          if (stop > start && !plainText(bytes, start, stop, highs[at] as number, doubledSpaces)) return -1;
          break;
        }
        case TIMESTAMP: {
          if (start < end && bytes[start] !== COMMA && bytes[start] !== LF) {
            stop = start + 19;
            if (stop > end) return -1;
            const seconds = timestampBytes(bytes, start, stop);
            if (!(seconds <= (highs[at] as number))) return -1;
            numbers[at] = seconds;
          } else {
            numbers[at] = Number.NaN;
          }
          break;
        }
        case ALLOWED: {
          if (start < end && bytes[start] !== COMMA && bytes[start] !== LF) {
            // The last record's value first: a session's events repeat their device, browser, system and source.
            const previous = texts[at] as string;
            const text = previous !== '' && holdsField(previous, bytes, start, end) ? previous : allowedField(allowed[at] as readonly string[], bytes, start, end);
            if (text === undefined) return -1;
            texts[at] = text;
            stop = start + text.length;
          } else {
            texts[at] = '';
          }
          break;
        }
        default: {
          for (; stop < end; stop++) {
            const byte = bytes[stop] as number;
            if (byte === COMMA || byte === LF) break;
          }
          if (stop > start && !plainText(bytes, start, stop, highs[at] as number, doubledSpaces)) return -1;
        }
      }
      // The field must end where the record's next field (a comma) or its end (LF, or the input's end) is.
      if (at + 1 < width) {
        if (stop >= end || bytes[stop] !== COMMA) return -1;
      } else if (stop < end && bytes[stop] !== LF) {
        return -1;
      }
      if (stop === start && nullable[at] !== 1) return -1;
      start = stop + 1;
    }
    bounds[width] = start;
    return start - 1;
  };

  const reference = (at: number): number => {
    const number = numbers[at] as number;
    return Number.isNaN(number) ? NULL_ID : number;
  };

  /** webEventRules' checks of the event (filled from the record) all pass. */
  const rulesPass = (): boolean => {
    const { customers, orders } = facts;
    if (customers && event.customer !== NULL_ID) {
      const slot = customerLooked ? (slots[customerAt] as number) : customers.ids.get(event.customer);
      if (slot >= 0 && event.timestamp < (customers.createdAt[slot] as number)) return false;
    }
    if (event.kind === PURCHASE && event.customer === NULL_ID) return false;
    if (event.product !== NULL_ID && event.kind !== PRODUCT_VIEW && event.kind !== ADD_TO_CART && event.kind !== REMOVE_FROM_CART) return false;
    if ((event.kind === PURCHASE) !== (event.order !== NULL_ID)) return false;
    return true;
  };

  return {
    chunk(bytes, start, end) {
      const at = bytes.indexOf('  ', start);
      doubledSpaces = at >= 0 && at < end;
    },
    take(bytes, lineStart, end, line) {
      const recordEnd = valuesPass(bytes, lineStart, end);
      if (recordEnd < 0) return -1;
      for (const foreignKey of foreignKeys) {
        const id = numbers[foreignKey.at] as number;
        if (Number.isNaN(id)) {
          slots[foreignKey.at] = -1;
          continue;
        }
        const slot = foreignKey.ids.get(id);
        if (slot < 0) return -1;
        slots[foreignKey.at] = slot;
      }
      event.line = line;
      event.customer = reference(customerAt);
      event.product = reference(productAt);
      event.order = reference(orderAt);
      event.kind = eventKind(texts[typeAt] as string);
      event.timestamp = numbers[timestampAt] as number;
      event.eventId = numbers[eventIdAt] as number;
      if (!rulesPass()) return -1;
      const orders = facts.orders;
      const orderSlot = orders && event.kind === PURCHASE ? (orderLooked ? (slots[orderAt] as number) : orders.ids.get(event.order)) : -1;
      if (orders && orderSlot >= 0) {
        const customer = orders.customer[orderSlot] as number;
        if (customer !== 0 && event.customer !== customer) return -1;
        const placed = orders.orderDate[orderSlot] as number;
        if (event.timestamp !== placed && !Number.isNaN(placed)) return -1;
      }
      // Passed: taken as the string path takes it.
      const row = columns.addKey(line, event.eventId);
      const sessionStart = bounds[sessionAt] as number;
      const sessionEnd = (bounds[sessionAt + 1] as number) - 1;
      const sessionLength = sessionEnd - sessionStart;
      const same = sessionSame && lastSessions === reader.sessions;
      let usable = true;
      if (!same) {
        const session = reader.sessions.internAscii(bytes, sessionStart, sessionEnd);
        if (session < 0) {
          reader.full = true;
          usable = false;
          lastSessionLength = -1;
        } else {
          lastSessionEntry = session;
          lastSessions = reader.sessions;
          if (sessionLength <= lastSession.length) {
            // Copied byte by byte: a subarray to set() from was an object per session.
            for (let index = 0; index < sessionLength; index++) lastSession[index] = bytes[sessionStart + index] as number;
            lastSessionLength = sessionLength;
          } else {
            lastSessionLength = -1;
          }
        }
      }
      if (orders && orderSlot >= 0) sink.purchase(row, orderSlot, event.order);
      if (usable) {
        event.session = lastSessionEntry;
        event.identity = reader.identities.number(texts[deviceAt] as string, texts[browserAt] as string, texts[systemAt] as string, texts[sourceAt] as string);
        sink.event(row, event);
      }
      return recordEnd;
    },
  };
}
