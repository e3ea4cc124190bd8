// `ecomgen report` on a generated dataset, in a real process: the page is self-contained, holds the
// charts, and its headline figures are the ones this test computes from the CSV files itself; bad input
// is one line and exit 2 with nothing written. Then headless Chromium opens the page (offline) and the
// screenshot is checked for drawn charts. The aggregation and the specs are unit tests on memory data
// (test/unit/report).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from 'ecomgen';
import { readTable, type Table } from '../helpers/csv.js';
import { toCents } from '../helpers/dataset.js';
import { countColour, decodePng } from '../helpers/png.js';
import { runCli, splitStderr, tempDir } from '../helpers/run.js';

let dataset: string;
let out: string;
let html: string;
let tables: Record<string, Table>;

beforeAll(async () => {
  dataset = tempDir('report-data');
  out = tempDir('report-out');
  // Small, over the default three-year window, so each year's Black Friday is in it.
  await generate({ customers: 400, products: 150, orders: 3000, seed: 2024, outputDir: dataset, workers: 1, samples: false });
  const result = runCli(['report', dataset, '-o', join(out, 'report.html')]);
  expect(result.stderr).toMatch(/^report: 9 charts, .* written to /);
  expect(result.status).toBe(0);
  html = readFileSync(join(out, 'report.html'), 'utf8');
  tables = Object.fromEntries(['customers', 'products', 'orders', 'order_items', 'web_events'].map((table) => [table, readTable(dataset, `${table}.csv`)]));
});

function column(table: string, name: string): string[] {
  const data = tables[table] as Table;
  const index = data.col(name);
  return data.rows.map((row) => row[index] as string);
}

function figure(key: string): number {
  const match = new RegExp(`data-figure="${key}" data-value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no figure ${key} in the page`);
  return Number(match[1]);
}

describe('ecomgen report', () => {
  it('writes one self-contained page with the charts inline', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg[\s>]/g)?.length).toBeGreaterThanOrEqual(8);
    // Nothing to fetch: no src or href to another document, no script, stylesheet link or import.
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(\s*['"]?(?!#)/i);
    for (const id of ['orders-per-day', 'revenue-by-month', 'customers-by-state', 'prices-by-category', 'funnel-by-device', 'conversion-by-source', 'cohort-retention', 'returns-by-category', 'items-per-order']) {
      expect(html).toMatch(new RegExp(`<figure class="chart[^"]*" id="${id}">[\\s\\S]*?<svg[\\s\\S]*?</svg>\\s*</figure>`));
    }
    // Each year's Black Friday / Cyber Monday peak is labelled.
    for (const year of [2022, 2023, 2024]) expect(html).toMatch(new RegExp(`>(Black Friday|Cyber Monday) ${year}<`));
    // Nothing left beside it: no temporary file.
    expect(readdirSync(out)).toEqual(['report.html']);
  });

  it('shows headline figures equal to those computed from the CSV files', () => {
    for (const table of ['customers', 'products', 'orders', 'order_items', 'web_events']) expect(figure(table)).toBe((tables[table] as Table).rows.length);
    const revenue = column('orders', 'total_amount').reduce((sum, text) => sum + toCents(text), 0);
    expect(figure('revenue_cents')).toBe(revenue);
    expect(figure('average_order_value')).toBeCloseTo(revenue / 100 / 3000, 9);
    const returned = column('orders', 'status').filter((status) => status === 'returned').length;
    expect(figure('returned_share')).toBeCloseTo(returned / 3000, 12);
    const sessions = new Set(column('web_events', 'session_id'));
    expect(figure('sessions')).toBe(sessions.size);
    const types = column('web_events', 'event_type');
    const converted = new Set(column('web_events', 'session_id').filter((_, index) => types[index] === 'purchase'));
    expect(figure('conversion')).toBeCloseTo(converted.size / sessions.size, 12);
    // One bar per state the customers live in.
    const states = new Set(column('customers', 'state'));
    const stateChart = /id="customers-by-state">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(stateChart.match(/aria-roledescription="bar"/g)).toHaveLength(states.size);
  });

  it('shows the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(dataset, 'manifest.json'), 'utf8')) as { seed: number; version: string; schema_version: number };
    expect(html).toContain(`<tr><th>seed</th><td>${manifest.seed}</td></tr>`);
    expect(html).toContain(`<tr><th>tool version</th><td>ecomgen ${manifest.version}</td></tr>`);
    expect(html).toContain(`<tr><th>schema version</th><td>${manifest.schema_version}</td></tr>`);
  });

  it('refuses bad input with one line and exit 2, writing nothing', () => {
    const oneLine = (args: string[], message: RegExp): void => {
      const result = runCli(args);
      expect(result.status, result.stderr).toBe(2);
      const { other } = splitStderr(result.stderr);
      expect(other).toHaveLength(1);
      expect(other[0]).toMatch(message);
    };
    const empty = tempDir('report-empty');
    oneLine(['report', empty, '-o', join(out, 'a.html')], /^ecomgen: report: .* holds no ecomgen dataset \(no manifest\.json\)$/);
    oneLine(['report', join(dataset, 'orders.csv'), '-o', join(out, 'b.html')], /^ecomgen: report: .*orders\.csv is not a directory$/);
    oneLine(['report', join(out, 'nowhere'), '-o', join(out, 'b.html')], /^ecomgen: report: .*nowhere does not exist$/);
    // Even with --force, never over a file of the dataset.
    const orders = readFileSync(join(dataset, 'orders.csv'));
    oneLine(['report', dataset, '-o', join(dataset, 'orders.csv'), '--force'], /^ecomgen: -o, --output: .*orders\.csv is a file of the dataset$/);
    expect(readFileSync(join(dataset, 'orders.csv')).equals(orders)).toBe(true);
    oneLine(['report', dataset, '-o', join(out, 'missing', 'c.html')], /^ecomgen: -o, --output: folder .*missing does not exist$/);
    oneLine(['report', dataset], /option '-o, --output <file.html>' not specified/);
    // An existing file is kept unless --force.
    const mine = join(out, 'mine.html');
    writeFileSync(mine, 'not ours');
    oneLine(['report', dataset, '-o', mine], /^ecomgen: -o, --output: .*mine\.html already exists; pass --force to replace it$/);
    expect(readFileSync(mine, 'utf8')).toBe('not ours');
    expect(readdirSync(out).sort()).toEqual(['mine.html', 'report.html']);
    // A dataset whose table is gone: the missing file is named.
    const broken = tempDir('report-broken');
    writeFileSync(join(broken, 'manifest.json'), readFileSync(join(dataset, 'manifest.json')));
    oneLine(['report', broken, '-o', join(out, 'd.html')], /^ecomgen: report: .*customers\.csv: missing \(a dataset has customers\.csv, products\.csv, orders\.csv, order_items\.csv, web_events\.csv\)$/);
    expect(existsSync(join(out, 'd.html'))).toBe(false);

    const forced = runCli(['report', dataset, '-o', mine, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(mine, 'utf8')).toBe(html);
  });
});

describe('ecomgen report on a dataset written with --tables', () => {
  it('draws the charts of the tables it holds and says which it cannot', async () => {
    const subset = tempDir('report-subset');
    await generate({ customers: 200, products: 50, orders: 800, seed: 7, outputDir: subset, workers: 1, tables: ['customers', 'orders'] });
    const page = join(tempDir('report-subset-out'), 'subset.html');
    const result = runCli(['report', subset, '-o', page]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^report: 3 charts, /);
    const text = readFileSync(page, 'utf8');
    // Orders per day, customers by state, cohort retention.
    expect(text.match(/<svg[\s>]/g)).toHaveLength(3);
    expect(text.match(/Not drawn: the dataset holds no /g)).toHaveLength(6);
    expect(Number(/data-figure="orders" data-value="(\d+)"/.exec(text)?.[1])).toBe(800);
    expect(text).not.toContain('data-figure="web_events"');
  });
});

/** Debian's chromium (or chromium-browser), when installed. */
function findChromium(): string | undefined {
  return ['chromium', 'chromium-browser'].find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0);
}

const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('report.test.ts: skipping the headless Chromium test: no chromium or chromium-browser on PATH (Debian: apt-get install chromium)');

describe.skipIf(!CHROMIUM)('the report in headless Chromium', () => {
  const WIDTH = 1200;
  const HEIGHT = 3000;

  /** Chromium with no network (every host name fails to resolve) and a profile of its own. */
  function chromium(args: readonly string[]): { stdout: string; stderr: string; status: number | null } {
    const profile = tempDir('report-chromium');
    const result = spawnSync(CHROMIUM as string, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${profile}`, '--host-resolver-rules=MAP * ~NOTFOUND', ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  }

  it('renders every chart: the SVGs are in the DOM and the screenshot shows them', () => {
    const page = pathToFileURL(join(out, 'report.html')).href;
    const dom = chromium(['--dump-dom', page]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout.match(/<svg[\s>]/g)?.length).toBeGreaterThanOrEqual(9);
    expect(dom.stdout).toContain('id="cohort-retention"');

    const png = join(tempDir('report-shot'), 'report.png');
    const shot = chromium([`--screenshot=${png}`, `--window-size=${WIDTH},${HEIGHT}`, page]);
    expect(shot.status, shot.stderr).toBe(0);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
    const pixels = image.width * image.height;
    // Not blank: the page's grey background and white cards, and the charts' colours on them.
    const white = countColour(image, [255, 255, 255], 2);
    expect(white / pixels).toBeLessThan(0.9);
    // The bars of the state chart and the orders line (#4e79a7), the funnel's and the sources' orange (#f28e2b).
    expect(countColour(image, [0x4e, 0x79, 0xa7])).toBeGreaterThan(2000);
    expect(countColour(image, [0xf2, 0x8e, 0x2b])).toBeGreaterThan(1000);
  });
});
