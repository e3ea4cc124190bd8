// Events kept for sorting when a web_events file is not in event_id order: a few typed columns per
// event (33 bytes while ids and times fit an Int32), in chunks of a million so the store grows without
// copying or knowing the count ahead, up to a memory budget.
import { NumberColumn } from '../numberColumn.js';
import type { SessionEvent } from './sessionRules.js';

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const BYTES_PER_STORED_EVENT = 33;
/** Memory the stored events may take: beyond it the rules are reported as not checked. */
export const EVENT_STORE_BUDGET_BYTES = 320 * 1024 * 1024;

/** A million events' fields, column by column. */
class EventChunk {
  readonly eventIds = new NumberColumn(CHUNK);
  readonly timestamps = new NumberColumn(CHUNK);
  readonly lines = new Uint32Array(CHUNK);
  readonly sessions = new Int32Array(CHUNK);
  readonly customers = new Int32Array(CHUNK);
  readonly products = new Int32Array(CHUNK);
  readonly orders = new Int32Array(CHUNK);
  readonly identities = new Int32Array(CHUNK);
  readonly kinds = new Uint8Array(CHUNK);
}

/** The stored events; `load` refills a SessionEvent from one. */
export class EventStore {
  private readonly chunks: EventChunk[] = [];
  count = 0;
  /** Set when the events would exceed the budget: then they are not kept, and the rules not checked. */
  full = false;

  constructor(private readonly budgetBytes = EVENT_STORE_BUDGET_BYTES) {}

  push(event: SessionEvent): void {
    if (this.full) return;
    const at = this.count & (CHUNK - 1);
    if (at === 0) {
      if ((this.chunks.length + 1) * CHUNK * BYTES_PER_STORED_EVENT > this.budgetBytes) {
        this.full = true;
        return;
      }
      this.chunks.push(new EventChunk());
    }
    const chunk = this.chunks[this.chunks.length - 1] as EventChunk;
    chunk.eventIds.set(at, event.eventId);
    chunk.timestamps.set(at, event.timestamp);
    chunk.lines[at] = event.line;
    chunk.sessions[at] = event.session;
    chunk.customers[at] = event.customer;
    chunk.products[at] = event.product;
    chunk.orders[at] = event.order;
    chunk.identities[at] = event.identity;
    chunk.kinds[at] = event.kind;
    this.count++;
  }

  load(row: number, event: SessionEvent): void {
    const chunk = this.chunks[row >>> CHUNK_BITS] as EventChunk;
    const at = row & (CHUNK - 1);
    event.eventId = chunk.eventIds.get(at);
    event.timestamp = chunk.timestamps.get(at);
    event.line = chunk.lines[at] as number;
    event.session = chunk.sessions[at] as number;
    event.customer = chunk.customers[at] as number;
    event.product = chunk.products[at] as number;
    event.order = chunk.orders[at] as number;
    event.identity = chunk.identities[at] as number;
    event.kind = chunk.kinds[at] as number;
  }

  session(row: number): number {
    return (this.chunks[row >>> CHUNK_BITS] as EventChunk).sessions[row & (CHUNK - 1)] as number;
  }

  eventId(row: number): number {
    return (this.chunks[row >>> CHUNK_BITS] as EventChunk).eventIds.get(row & (CHUNK - 1));
  }
}
