// WEB-03, -08 and -09 on each web_events row, and the session rules (see sessionRules) run straight from
// the file while it is in event_id order with each session in one piece. When it is not (a shuffled
// export), the streamed verdicts are dropped, the events are kept from there on, and sessionReplay
// sorts them in memory instead.
// WEB-01/02 are the foreign-key checks of keyPlan.
import type { DatasetFacts } from '../facts.js';
import type { EventStore } from '../sessionReplay.js';
import { ensureIndex } from '../growable.js';
import { Tally, type RuleBook } from '../ruleBook.js';
import type { StringTable } from '../stringTable.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { formatTimestamp, parseInteger, parseTimestamp } from '../valueParsers.js';
import { ADD_TO_CART, eventKind, IdentityTable, NULL_ID, PRODUCT_VIEW, PURCHASE, referenceId, REMOVE_FROM_CART, SessionEvent, SessionRules, type SessionTallies } from './sessionRules.js';

export function sessionTallies(book: RuleBook): SessionTallies {
  return {
    contiguous: book.tally('WEB-10'),
    time: book.tally('WEB-04'),
    identity: book.tally('WEB-05'),
    addToCart: book.tally('WEB-06'),
    checkout: book.tally('WEB-07'),
  };
}

/** Reads the fields the session rules use from a web_events record into a SessionEvent. */
export class EventReader {
  private readonly at: Readonly<Record<'eventId' | 'session' | 'customer' | 'product' | 'type' | 'timestamp' | 'device' | 'browser' | 'system' | 'source', number>>;
  private lastSessionText = '';
  private lastSession = -1;
  /** Set when the session table is full: the session rules cannot be judged. */
  full = false;

  constructor(
    layout: TableLayout,
    readonly sessions: StringTable,
    readonly identities: IdentityTable,
  ) {
    this.at = {
      eventId: layout.at('event_id'),
      session: layout.at('session_id'),
      customer: layout.at('customer_id'),
      product: layout.at('product_id'),
      type: layout.at('event_type'),
      timestamp: layout.at('event_timestamp'),
      device: layout.at('device_type'),
      browser: layout.at('browser'),
      system: layout.at('operating_system'),
      source: layout.at('traffic_source'),
    };
  }

  /** Fills `event`; false when its event_id or session_id is unusable (COL-TYPE reports those). */
  read(fields: readonly string[], line: number, event: SessionEvent): boolean {
    const at = this.at;
    event.line = line;
    event.customer = referenceId(fields[at.customer] as string, parseInteger);
    event.product = referenceId(fields[at.product] as string, parseInteger);
    event.kind = eventKind(fields[at.type] as string);
    event.timestamp = parseTimestamp(fields[at.timestamp] as string);
    event.eventId = parseInteger(fields[at.eventId] as string);
    const sessionText = fields[at.session] as string;
    if (Number.isNaN(event.eventId) || sessionText === '') return false;
    if (sessionText !== this.lastSessionText || this.lastSession < 0) {
      const session = this.sessions.intern(sessionText);
      if (session < 0) {
        this.full = true;
        return false;
      }
      this.lastSession = session;
      this.lastSessionText = sessionText;
    }
    event.session = this.lastSession;
    event.identity = this.identities.number(fields[at.device] as string, fields[at.browser] as string, fields[at.system] as string, fields[at.source] as string);
    return true;
  }
}

/** Session rules judged in file order, valid only while the file is in event_id order and sessions are unbroken. */
export class StreamedSessions {
  private closed = new Uint8Array(1024);
  private current = -1;
  private lastId = Number.NEGATIVE_INFINITY;
  /** Why file order cannot be used (the rules must be judged by sessionReplay); undefined while it can. */
  fallback: string | undefined;
  /** The line where file order stopped working: events from there on go to the EventStore. */
  fallbackLine = 0;
  /** Provisional tallies, kept only when the whole file could be judged in order. */
  readonly tallies: SessionTallies;
  private readonly rules: SessionRules;

  constructor(file: string, sessions: StringTable, identities: IdentityTable, maxExamples: number) {
    this.tallies = {
      contiguous: new Tally(maxExamples),
      time: new Tally(maxExamples),
      identity: new Tally(maxExamples),
      addToCart: new Tally(maxExamples),
      checkout: new Tally(maxExamples),
    };
    this.rules = new SessionRules(file, this.tallies, sessions, identities);
  }

  feed(event: SessionEvent): void {
    if (this.fallback !== undefined) return;
    if (event.eventId <= this.lastId) {
      this.fallback = `line ${event.line}: event_id ${event.eventId} after ${this.lastId}`;
      this.fallbackLine = event.line;
      return;
    }
    if (event.session !== this.current) {
      this.closed = ensureIndex(this.closed, event.session);
      if (this.closed[event.session] === 1) {
        this.fallback = `line ${event.line}: a session resumes after other sessions' events`;
        this.fallbackLine = event.line;
        return;
      }
      if (this.current >= 0) this.closed[this.current] = 1;
      this.current = event.session;
    }
    this.lastId = event.eventId;
    this.rules.feed(event);
  }
}

/** `store` receives the events from the line where `streamed` gives up on file order. */
export function webEventRules(
  layout: TableLayout,
  book: RuleBook,
  facts: DatasetFacts,
  sessions: { readonly reader: EventReader; readonly streamed: StreamedSessions; readonly store: EventStore },
  keyOf: (fields: readonly string[]) => string,
): TableRules {
  const { reader, streamed, store } = sessions;
  const file = layout.file;
  const afterRegistration = book.tally('WEB-03');
  const purchaseCustomer = book.tally('WEB-08');
  const productEvents = book.tally('WEB-09');
  const event = new SessionEvent();
  const customers = facts.customers;
  const typeAt = layout.at('event_type');
  const timestampAt = layout.at('event_timestamp');
  const productAt = layout.at('product_id');
  const customerAt = layout.at('customer_id');

  return {
    row(fields, line) {
      const usable = reader.read(fields, line, event);
      if (customers && event.customer !== NULL_ID) {
        const slot = customers.ids.get(event.customer);
        const registered = slot >= 0 ? (customers.createdAt[slot] as number) : Number.NaN;
        if (event.timestamp < registered) {
          afterRegistration.add(file, line, () => ({
            key: keyOf(fields),
            values: { customer_id: fields[customerAt] as string, event_timestamp: fields[timestampAt] as string, 'customers.created_at': formatTimestamp(registered) },
            problem: 'the event is before the customer registered',
          }));
        }
      }
      if (event.kind === PURCHASE && event.customer === NULL_ID) {
        purchaseCustomer.add(file, line, () => ({ key: keyOf(fields), values: { event_type: 'purchase', customer_id: '' }, problem: 'a purchase without a customer' }));
      }
      if (event.product !== NULL_ID && event.kind !== PRODUCT_VIEW && event.kind !== ADD_TO_CART && event.kind !== REMOVE_FROM_CART) {
        const type = fields[typeAt] as string;
        productEvents.add(file, line, () => ({ key: keyOf(fields), values: { event_type: type, product_id: fields[productAt] as string }, problem: `a ${type} event carries a product_id` }));
      }
      if (usable) {
        streamed.feed(event);
        if (streamed.fallback !== undefined) store.push(event);
      }
    },
  };
}
