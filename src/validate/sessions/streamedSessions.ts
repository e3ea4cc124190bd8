// The session rules judged straight from the file, which holds only while it is in event_id order with
// each session in one piece. The verdicts go to provisional tallies; when file order breaks, they are
// dropped and sessionReplay judges the stored events instead.
import type { OrderRowFacts } from '../facts.js';
import { ensureIndex } from '../growable.js';
import { RuleTally, type RuleBook } from '../ruleBook.js';
import type { StringTable } from '../stringTable.js';
import { SessionRules, type IdentityTable, type SessionEvent, type SessionTallies } from './sessionRules.js';

/** The report's tallies of the session rules. */
export function sessionTallies(book: RuleBook): SessionTallies {
  return {
    contiguous: book.tally('WEB-10'),
    time: book.tally('WEB-04'),
    identity: book.tally('WEB-05'),
    addToCart: book.tally('WEB-06'),
    checkout: book.tally('WEB-07'),
    cart: book.tally('WEB-15'),
  };
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

  constructor(file: string, sessions: StringTable, identities: IdentityTable, newTally: () => RuleTally, orders?: OrderRowFacts) {
    this.tallies = {
      contiguous: newTally(),
      time: newTally(),
      identity: newTally(),
      addToCart: newTally(),
      checkout: newTally(),
      cart: newTally(),
    };
    this.rules = new SessionRules(file, this.tallies, sessions, identities, orders);
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
