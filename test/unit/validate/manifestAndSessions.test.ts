// manifest.json parsing and comparison, and the session store's memory budget: the parts of validation
// whose failure modes the clean tiny dataset cannot reach.
import { describe, expect, it } from 'vitest';
import { checkManifest, parseManifest, type FileFacts, type ManifestText } from '../../../src/validate/manifestCheck.js';
import { RuleBook } from '../../../src/validate/ruleBook.js';
import { defineRules } from '../../../src/validate/ruleCatalog.js';
import { EventStore } from '../../../src/validate/sessions/eventStore.js';
import { SessionEvent } from '../../../src/validate/sessions/sessionRules.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';

const FILE: FileFacts = { table: 'orders', file: 'orders.csv', rows: 3, bytes: 120, sha256: 'ab'.repeat(32) };

function judge(read: ManifestText): RuleBook {
  const book = new RuleBook(5);
  defineRules(book, SCHEMAS);
  checkManifest(book, parseManifest(read), [FILE]);
  return book;
}

function text(value: unknown): ManifestText {
  return { kind: 'text', text: JSON.stringify(value) };
}

const entry = { file: 'orders.csv', rows: 3, bytes: 120, sha256: 'ab'.repeat(32) };

describe('manifest.json', () => {
  it.each([
    ['unreadable', { kind: 'unreadable', code: 'EACCES' } as ManifestText, 'manifest.json is cannot read it (EACCES)'],
    ['not an object with files', text({ tables: [] }), 'manifest.json is has no "files" list'],
    ['an entry without sha256', text({ files: [{ file: 'orders.csv', rows: 3 }] }), 'manifest.json is files[0] lacks file, rows or sha256'],
    ['a file it does not list', text({ files: [{ ...entry, file: 'other.csv' }] }), 'manifest.json does not list orders.csv'],
  ])('%s: MAN-FORMAT fails', (_, read, problem) => {
    const book = judge(read);
    const format = book.tally('MAN-FORMAT');
    expect(format.count).toBe(1);
    expect(format.examples[0]).toMatchObject({ file: 'manifest.json', line: 0, problem });
  });

  it('absent: the three MAN- rules are not checked', () => {
    const book = judge({ kind: 'absent' });
    for (const id of ['MAN-FORMAT', 'MAN-ROWS', 'MAN-SHA256']) expect(book.tally(id).status, id).toBe('not_checked');
  });

  it('matching: all three pass; a size alone that differs fails MAN-SHA256 and says so', () => {
    const same = judge(text({ files: [entry] }));
    for (const id of ['MAN-FORMAT', 'MAN-ROWS', 'MAN-SHA256']) expect(same.tally(id).status, id).toBe('passed');
    const resized = judge(text({ files: [{ ...entry, bytes: 121 }] }));
    expect(resized.tally('MAN-SHA256').examples[0]?.problem).toBe('orders.csv differs from the file manifest.json describes (sha256 and size)');
    expect(resized.tally('MAN-ROWS').status).toBe('passed');
  });
});

describe('the event store', () => {
  it('keeps events column by column and gives them back', () => {
    const store = new EventStore();
    const event = new SessionEvent();
    for (let index = 0; index < 3; index++) {
      Object.assign(event, { line: index + 2, eventId: 3_000_000_000 + index, session: 2 - index, customer: index, product: -index, order: 10 * index, kind: index, timestamp: 1.7e9 + index, identity: 7 });
      store.push(event);
    }
    expect(store.count).toBe(3);
    const loaded = new SessionEvent();
    store.load(1, loaded);
    expect({ ...loaded }).toEqual({ line: 3, eventId: 3_000_000_001, session: 1, customer: 1, product: -1, order: 10, kind: 1, timestamp: 1.7e9 + 1, identity: 7 });
    expect(store.session(2)).toBe(0);
  });

  it('is full, and keeps nothing more, past its memory budget', () => {
    const store = new EventStore(1000);
    store.push(new SessionEvent());
    expect(store.full).toBe(true);
    expect(store.count).toBe(0);
  });
});
