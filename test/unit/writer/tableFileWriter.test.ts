import { createHash } from 'node:crypto';
import fs, { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, type NoParamCallback } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TableFileWriter } from '../../../src/writer/tableFileWriter.js';

const dir = mkdtempSync(join(tmpdir(), 'ecomgen-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chunks of distinct bytes, so a lost, doubled or reordered chunk changes the file. */
function chunks(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, index) => Buffer.alloc(size, `chunk ${index};`));
}

describe('TableFileWriter with early flushes', () => {
  it('flushes the data as it goes and still completes the file whole: bytes, rows and sha256', async () => {
    const path = join(dir, 'flushed.csv');
    // A flush every 3 KB over 40 KB: several run while later chunks are written.
    const writer = new TableFileWriter(path, 3 * 1024);
    const parts = chunks(40, 1024);
    let released = 0;
    for (const part of parts) await writer.write(part, 2, () => released++);
    const written = await writer.commit();
    const expected = Buffer.concat(parts);
    expect(readFileSync(path).equals(expected)).toBe(true);
    expect(written).toMatchObject({ file: 'flushed.csv', rows: 80, bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
    expect(released).toBe(parts.length);
  });

  it('writesSettled resolves once every chunk written so far has reached the file', async () => {
    const path = join(dir, 'settled.csv');
    const writer = new TableFileWriter(path);
    await writer.writesSettled();
    const parts = chunks(6, 64 * 1024);
    let released = 0;
    for (const part of parts) await writer.write(part, 1, () => released++);
    expect(released).toBeLessThan(parts.length);
    await writer.writesSettled();
    expect(released).toBe(parts.length);
    expect(readFileSync(writer.tempPath).equals(Buffer.concat(parts))).toBe(true);
    await writer.discard();
  });

  it('discarded while a flush may still run, leaves no file behind', async () => {
    const path = join(dir, 'discarded.csv');
    const writer = new TableFileWriter(path, 1);
    for (const part of chunks(8, 4096)) await writer.write(part, 1);
    await writer.discard();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('discarded'))).toEqual([]);
  });
});

describe('TableFileWriter and its file descriptor', () => {
  // Its write stream closes the descriptor when destroyed, whatever autoClose says. Closed a second time,
  // the number may by then belong to a file opened elsewhere in the process (another table's writer, a
  // module being loaded), which would lose it: a unit run once failed to import a test file with EBADF,
  // and strace showed the writer closing a discarded file's descriptor twice.
  it('closes it exactly once, before commit or discard returns, with writes and flushes in progress', async () => {
    const closes: number[] = [];
    const original = fs.close;
    fs.close = function recordClose(fd: number, callback?: NoParamCallback): void {
      closes.push(fd);
      original.call(fs, fd, callback);
    } as typeof fs.close;
    try {
      const committed = new TableFileWriter(join(dir, 'fd-committed.csv'), 1);
      for (const part of chunks(4, 4096)) await committed.write(part, 1);
      await committed.commit();
      expect(closes).toHaveLength(1);
      for (let round = 0; round < 5; round++) {
        const discarded = new TableFileWriter(join(dir, `fd-discarded-${round}.csv`), 1);
        // Not awaited: the last writes are still in the thread pool when discard starts.
        for (const part of chunks(4, 4096)) void discarded.write(part, 1);
        await discarded.discard();
        expect(closes).toHaveLength(round + 2);
      }
    } finally {
      fs.close = original;
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('fd-discarded'))).toEqual([]);
  });
});
