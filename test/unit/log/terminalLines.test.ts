// The terminal output of a run, on a fake TTY stream: the progress line never runs into a log line, the
// ETA comes from the rate measured so far, and the start of a run is a short summary.
import { describe, expect, it } from 'vitest';
import { terminalLogger } from '../../../src/log/logger.js';
import { progressLine, TerminalProgress, type ProgressEvent } from '../../../src/log/progress.js';
import { TerminalLines, type TextSink } from '../../../src/log/terminalLines.js';
import { terminalLogText } from '../../../src/log/terminalLog.js';

const CLEAR = '\r\x1b[2K';

/** A fake TTY: keeps every write, and renders what the screen shows (\r and erase-line applied). */
class FakeTty implements TextSink {
  readonly writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  get screen(): string[] {
    const lines: string[] = [];
    let current = '';
    const text = this.writes.join('');
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith(CLEAR, i)) {
        current = '';
        i += CLEAR.length - 1;
      } else if (text[i] === '\r') current = '';
      else if (text[i] === '\n') {
        lines.push(current);
        current = '';
      } else current += text[i];
    }
    return [...lines, current];
  }
}

function event(rowsDone: number, elapsedMs: number, rowsTotal = 1000): ProgressEvent {
  return { table: 'orders', tableRowsDone: rowsDone, tableRows: rowsTotal, rowsDone, rowsTotal, elapsedMs };
}

describe('one status line below the log lines', () => {
  it('a log line clears the status line first, then the status line is drawn again below it', () => {
    const tty = new FakeTty();
    const lines = new TerminalLines(tty);
    lines.status('orders 10/100');
    lines.line('[10:00:00] orders written');
    expect(tty.writes.join('')).toBe(`${CLEAR}orders 10/100${CLEAR}[10:00:00] orders written\norders 10/100`);
    expect(tty.screen).toEqual(['[10:00:00] orders written', 'orders 10/100']);
    lines.status('orders 20/100');
    lines.line('[10:00:01] done\n');
    lines.clear();
    expect(tty.screen).toEqual(['[10:00:00] orders written', '[10:00:01] done', '']);
    // Every log line starts at the left edge: nothing runs into it.
    expect(tty.screen.every((line) => !/ETA|\d\/100/.test(line) || !line.includes('['))).toBe(true);
  });

  it('without a status line, log lines are written as they are', () => {
    const tty = new FakeTty();
    const lines = new TerminalLines(tty);
    lines.line('a');
    lines.line('b\n');
    lines.clear();
    expect(tty.writes.join('')).toBe('a\nb\n');
  });

  it('a logger on the terminal and the progress line share it: the screen shows each log line whole', () => {
    const tty = new FakeTty();
    const lines = new TerminalLines(tty);
    let now = 0;
    const progress = new TerminalProgress(lines, () => now);
    const logger = terminalLogger('info', lines);
    progress.update(event(100, 500));
    logger.info({ table: 'customers', rows: 100, bytes: 15_000, ms: 480 }, 'table written');
    now = 1000;
    progress.update(event(600, 1500));
    logger.warn({ pid: 12 }, 'took over the lock of a run that is gone');
    progress.finish();
    const screen = tty.screen;
    expect(screen).toHaveLength(3);
    expect(screen[0]).toMatch(/^\[\d\d:\d\d:\d\d\] customers written: 100 rows, 15\.0 KB in 0\.5s$/);
    expect(screen[1]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: took over the lock of a run that is gone \{"pid":12\}$/);
    expect(screen[2]).toBe('');
  });
});

describe('the ETA', () => {
  it('comes from the rows written since the first ones, at the rate measured so far', () => {
    const base = { rowsDone: 100, elapsedMs: 2000 };
    // 400 rows in 2 s since the first rows: 200 rows/s, 500 rows left: 2.5 s (the 2 s of start-up before
    // the first rows are not counted, which made a 2.8 s run say 94 s).
    expect(progressLine(event(500, 4000), base)).toBe('orders 500/1,000 (50%) | all 500/1,000 | 200 rows/s | ETA 2.5s');
    expect(progressLine(event(1000, 6500), base)).toBe('orders 1,000/1,000 (100%) | all 1,000/1,000 | 200 rows/s | ETA 0s');
  });

  it('is not guessed before a second of rows has been measured', () => {
    const base = { rowsDone: 100, elapsedMs: 2000 };
    expect(progressLine(event(100, 2000), base)).toBe('orders 100/1,000 (10%) | all 100/1,000 | ETA ...');
    expect(progressLine(event(300, 2900), base)).toMatch(/ETA \.\.\.$/);
  });

  it('redraws at most five times a second, but always draws the end', () => {
    const tty = new FakeTty();
    let now = 0;
    const progress = new TerminalProgress(new TerminalLines(tty), () => now);
    progress.update(event(10, 100));
    now = 50;
    progress.update(event(20, 150));
    now = 100;
    progress.update(event(1000, 1200));
    expect(tty.writes).toHaveLength(2);
    expect(tty.screen).toEqual(['orders 1,000/1,000 (100%) | all 1,000/1,000 | 900 rows/s | ETA 0s']);
  });
});

describe('log records on a terminal', () => {
  const time = Date.UTC(2026, 11, 1, 7, 15, 38);
  it('the start of a run is three short lines', () => {
    const record = {
      level: 30,
      time,
      msg: 'generating',
      environment: 'staging',
      seed: 42,
      counts: { customers: 10_000, products: 5000, orders: 50_000, order_items: 150_000, web_events: 500_000 },
      tables: ['customers', 'products', 'orders', 'order_items', 'web_events'],
      format: 'csv',
      compression: 'none',
      workers: 2,
      mode: 'fresh',
      reused: [],
      shards: 38,
      outputDir: '/data/staging',
    };
    expect(terminalLogText(JSON.stringify(record)).split('\n')).toEqual([
      '[07:15:38] generating staging, seed 42, into /data/staging (fresh)',
      '           715,000 rows: customers 10,000, products 5,000, orders 50,000, order_items 150,000, web_events 500,000',
      '           csv, 2 workers, 38 shards',
      '',
    ]);
    const part = { ...record, tables: ['orders'], part: { index: 2, count: 4 }, compression: 'gzip', mode: 'resume', reused: ['customers'] };
    expect(terminalLogText(JSON.stringify(part))).toBe(
      '[07:15:38] generating staging, seed 42, into /data/staging (resume, keeping customers)\n' +
        '           50,000 rows (part 2 of 4 of each): orders 50,000\n' +
        '           csv+gzip, 2 workers, 38 shards\n',
    );
    // A parquet run names its page codec; uncompressed pages add nothing.
    expect(terminalLogText(JSON.stringify({ ...record, format: 'parquet', parquetCompression: 'snappy' })).split('\n')[2]).toBe('           parquet+snappy, 2 workers, 38 shards');
    expect(terminalLogText(JSON.stringify({ ...record, format: 'parquet', parquetCompression: 'none' })).split('\n')[2]).toBe('           parquet, 2 workers, 38 shards');
  });

  it('a table written and the end of a run are one line each; other records one line with their fields', () => {
    expect(terminalLogText(JSON.stringify({ level: 30, time, msg: 'table written', table: 'orders', rows: 50_000, bytes: 8_255_988, ms: 5477 }))).toBe(
      '[07:15:38] orders written: 50,000 rows, 8.3 MB in 5.5s\n',
    );
    expect(terminalLogText(JSON.stringify({ level: 30, time, msg: 'done', rows: 715_000, ms: 2800, rowsPerSecond: 255_357 }))).toBe('[07:15:38] done: 715,000 rows in 2.8s (255,357 rows/s)\n');
    const other = terminalLogText(JSON.stringify({ level: 30, time, msg: 'swapping', steps: 16 }));
    expect(other.split('\n')).toHaveLength(2);
    expect(other).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: swapping \{"steps":16\}\n$/);
  });
});
