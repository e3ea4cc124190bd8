// The fields the session rules use, read from a web_events record into a SessionEvent: ids and times
// as numbers, session_id and the visitor's identity as small interned numbers.
import type { StringTable } from '../stringTable.js';
import type { TableLayout } from '../tableLayout.js';
import type { ParsedFields } from '../parsedFields.js';
import { parseInteger, parseTimestamp } from '../valueParsers.js';
import { eventKind, referenceNumber, type IdentityTable, type SessionEvent } from './sessionRules.js';

/** Reads the fields the session rules use from a web_events record into a SessionEvent. */
export class EventReader {
  private readonly at: Readonly<Record<'eventId' | 'session' | 'customer' | 'product' | 'order' | 'type' | 'timestamp' | 'device' | 'browser' | 'system' | 'source', number>>;
  private lastSessionText = '';
  private lastSession = -1;
  /** Set when the session table is full: the session rules cannot be judged. */
  full = false;
  /** The numbers the column checks parsed from the record read (TableScan's), when it was checked. */
  parsed: ParsedFields | undefined;

  constructor(
    layout: TableLayout,
    public sessions: StringTable,
    public identities: IdentityTable,
  ) {
    this.at = {
      eventId: layout.at('event_id'),
      session: layout.at('session_id'),
      customer: layout.at('customer_id'),
      product: layout.at('product_id'),
      order: layout.at('order_id'),
      type: layout.at('event_type'),
      timestamp: layout.at('event_timestamp'),
      device: layout.at('device_type'),
      browser: layout.at('browser'),
      system: layout.at('operating_system'),
      source: layout.at('traffic_source'),
    };
  }

  /** Numbers sessions and identities afresh, in new tables (a task hands its part of a table on in pieces). */
  restart(sessions: StringTable, identities: IdentityTable): void {
    this.sessions = sessions;
    this.identities = identities;
    this.lastSessionText = '';
    this.lastSession = -1;
  }

  private integer(fields: readonly string[], at: number): number {
    return this.parsed ? this.parsed.integer(fields, at) : parseInteger(fields[at] as string);
  }

  /** Fills `event`; false when its event_id or session_id is unusable (COL-TYPE reports those). */
  read(fields: readonly string[], line: number, event: SessionEvent): boolean {
    const at = this.at;
    event.line = line;
    const parsed = this.parsed;
    event.customer = referenceNumber(fields[at.customer] as string, this.integer(fields, at.customer));
    event.product = referenceNumber(fields[at.product] as string, this.integer(fields, at.product));
    event.order = referenceNumber(fields[at.order] as string, this.integer(fields, at.order));
    event.kind = eventKind(fields[at.type] as string);
    event.timestamp = parsed ? parsed.timestamp(fields, at.timestamp) : parseTimestamp(fields[at.timestamp] as string);
    event.eventId = this.integer(fields, at.eventId);
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
