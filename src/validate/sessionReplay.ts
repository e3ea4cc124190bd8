// The session rules for a web_events file that is not in event_id order (or whose sessions come in
// pieces). From the row where file order stops working, each event's few fields go into an EventStore
// (29 bytes an event while ids and times fit an Int32); the rows before it are read again, and only
// those. The events are then counting-sorted by session, each session sorted by event_id, and fed to
// SessionRules exactly as a file in order would be, so both ways give the same verdicts.
import { readCsv } from '../encoding/csvReader.js';
import { NumberColumn } from './numberColumn.js';
import { SessionEvent, type SessionRules } from './rules/sessionRules.js';
import type { EventReader } from './rules/webEventRules.js';
import type { TableLayout } from './tableLayout.js';

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const BYTES_PER_STORED_EVENT = 29;
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
  readonly identities = new Int32Array(CHUNK);
  readonly kinds = new Uint8Array(CHUNK);
}

/** Events kept for sorting, in chunks, so that it grows without copying or knowing the count ahead. */
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

/** Stores the events of the data rows before `untilLine`, reading the file only that far. */
export async function storeRowsBefore(path: string, layout: TableLayout, reader: EventReader, store: EventStore, untilLine: number): Promise<void> {
  const event = new SessionEvent();
  let header = true;
  let done = false;
  await readCsv(
    path,
    (fields, line) => {
      if (header || done) {
        header = false;
        return;
      }
      if (line >= untilLine) {
        done = true;
        return;
      }
      if (fields.length === layout.width && reader.read(fields, line, event)) store.push(event);
    },
    { shouldStop: () => done },
  );
}

function sortByEventId(order: Int32Array, from: number, to: number, store: EventStore): void {
  if (to - from > 24) {
    order.subarray(from, to).sort((a, b) => store.eventId(a) - store.eventId(b));
    return;
  }
  for (let at = from + 1; at < to; at++) {
    const row = order[at] as number;
    const id = store.eventId(row);
    let into = at - 1;
    while (into >= from && store.eventId(order[into] as number) > id) {
      order[into + 1] = order[into] as number;
      into--;
    }
    order[into + 1] = row;
  }
}

/** Feeds every stored event to `rules`, session by session, each in event_id order. */
export function judgeStoredSessions(store: EventStore, sessionCount: number, rules: SessionRules): void {
  const count = store.count;
  const starts = new Int32Array(sessionCount + 1);
  for (let row = 0; row < count; row++) {
    const next = store.session(row) + 1;
    starts[next] = (starts[next] as number) + 1;
  }
  for (let session = 0; session < sessionCount; session++) starts[session + 1] = (starts[session + 1] as number) + (starts[session] as number);
  const order = new Int32Array(count);
  const cursor = starts.slice(0, sessionCount);
  for (let row = 0; row < count; row++) {
    const session = store.session(row);
    order[cursor[session] as number] = row;
    cursor[session] = (cursor[session] as number) + 1;
  }
  for (let session = 0; session < sessionCount; session++) sortByEventId(order, starts[session] as number, starts[session + 1] as number, store);
  const event = new SessionEvent();
  for (let at = 0; at < count; at++) {
    store.load(order[at] as number, event);
    rules.feed(event);
  }
}
