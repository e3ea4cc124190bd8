// The session rules for a web_events file that is not in event_id order (or whose sessions come in
// pieces). From the row where file order stops working, each event's few fields go into an EventStore;
// the rows before it are read again, and only those. The events are then counting-sorted by session,
// each session sorted by event_id, and fed to SessionRules exactly as a file in order would be, so both
// ways give the same verdicts.
import { readTable, type TableInput } from '../../read/tableInput.js';
import type { TableLayout } from '../tableLayout.js';
import type { EventReader } from './eventReader.js';
import type { EventStore } from './eventStore.js';
import { SessionEvent, type SessionRules } from './sessionRules.js';

/** Stores the events of the data rows before `untilLine`, reading the file only that far. */
export async function storeRowsBefore(source: TableInput, layout: TableLayout, reader: EventReader, store: EventStore, untilLine: number): Promise<void> {
  const event = new SessionEvent();
  let header = true;
  let done = false;
  await readTable(
    source,
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
    // Records with too many fields were reported on the first pass and are no rows.
    { shouldStop: () => done, onWideRecord: () => undefined },
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
