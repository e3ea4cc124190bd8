// The report's charts and page from figures in memory: each Vega-Lite spec compiles and draws without a
// warning, the drawn marks carry the figures (Vega's SVG labels every bar with its values), and the page
// holds every chart inline, escapes the data's labels and refers to nothing outside itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { reportCharts } from '../../../src/report/chartSpecs.js';
import { renderSvg, type DrawnSvg } from '../../../src/report/renderSvg.js';
import { headlineFigures, reportPage } from '../../../src/report/reportPage.js';
import type { ReportFigures } from '../../../src/report/reportTypes.js';
import type { Manifest } from '../../../src/writer/manifest.js';

const HOSTILE = 'Toys <b>&</b> "Games"';

const FIGURES: ReportFigures = {
  tables: ['customers', 'products', 'orders', 'order_items', 'web_events'],
  headline: { customers: 3, products: 4, orders: 5, orderItems: 9, webEvents: 40, sessions: 8, revenueCents: 123456, returnedOrders: 1, convertedSessions: 2, buyers: 2, repeatBuyers: 1 },
  clock: { utcOffsetHours: -6, basis: 'config', note: 'UTC-6 (window.local_utc_offset_hours)' },
  ordersPerDay: [
    { day: '2024-11-28', orders: 1 },
    { day: '2024-11-29', orders: 3 },
    { day: '2024-11-30', orders: 0 },
    { day: '2024-12-01', orders: 1 },
  ],
  holidays: [{ day: '2024-11-29', orders: 3, label: 'Black Friday 2024' }],
  revenueByMonth: [
    { month: '2024-11', category: 'Books', revenueCents: 4000 },
    { month: '2024-11', category: HOSTILE, revenueCents: 1000 },
    { month: '2024-12', category: 'Books', revenueCents: 2500 },
  ],
  states: [
    { state: 'CA', customers: 2, customerShare: 2 / 3, populationShare: 0.119 },
    { state: 'TX', customers: 1, customerShare: 1 / 3, populationShare: 0.088 },
  ],
  prices: [
    { category: 'Books', products: 3, min: 5, p10: 5, median: 12, p90: 30, max: 30 },
    { category: HOSTILE, products: 1, min: 20, p10: 20, median: 20, p90: 20, max: 20 },
  ],
  funnel: ['session', 'view', 'cart', 'checkout', 'purchase'].flatMap((step, order) => [
    { device: 'mobile', step, order, sessions: 6 - order, share: (6 - order) / 6 },
    { device: 'desktop', step, order, sessions: 2, share: 1 },
  ]),
  sources: [
    { source: 'direct', sessions: 5, converted: 1, conversion: 0.2 },
    { source: 'email', sessions: 3, converted: 1, conversion: 1 / 3 },
  ],
  cohorts: [
    { cohort: '2024-11', size: 2, month: 0, retention: 0.5 },
    { cohort: '2024-11', size: 2, month: 1, retention: 1 },
    { cohort: '2024-12', size: 1, month: 0, retention: 0 },
  ],
  returns: [
    { category: 'Books', lines: 6, lineShare: 0.5 },
    { category: HOSTILE, lines: 3, lineShare: 0 },
  ],
  itemsPerOrder: [
    { items: 1, orders: 3 },
    { items: 2, orders: 1 },
    { items: 4, orders: 1 },
  ],
};

const MANIFEST: Manifest = {
  tool: 'ecomgen',
  version: '0.1.0',
  format: 'csv',
  compression: 'gzip',
  seed: 4242,
  environment: 'dev',
  counts: { customers: 3, products: 4, orders: 5, order_items: 9, web_events: 40 },
  part: null,
  tables: ['customers', 'products', 'orders', 'order_items', 'web_events'],
  config_sha256: 'c'.repeat(64),
  schemas_sha256: 's'.repeat(64),
  schema_version: 3,
  as_of: '2024-12-31 23:59:59',
  files: [],
  samples: [],
};

const drawn = new Map<string, DrawnSvg>();
const charts = reportCharts(FIGURES);

beforeAll(async () => {
  for (const chart of charts) drawn.set(chart.id, await renderSvg(chart.spec));
});

function svgOf(id: string): string {
  const svg = drawn.get(id)?.svg;
  if (svg === undefined) throw new Error(`no chart ${id}`);
  return svg;
}

/** The aria-labels Vega gives the marks of a kind (`bar`, `point`, `rect mark`) in a drawing. */
function markLabels(svg: string, kind: string): string[] {
  return [...svg.matchAll(new RegExp(`aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="${kind}"`, 'g'))].map((match) => match[1] as string);
}

/** The bars of a horizontal bar chart from top to bottom, by the label Vega gives each and its path's y. */
function barsTopDown(svg: string): string[] {
  const bars = [...svg.matchAll(/aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar" d="M[-\d.]+,([-\d.]+)/g)].map((match) => ({ label: match[1] as string, y: Number(match[2]) }));
  return bars.sort((a, b) => a.y - b.y).map((bar) => bar.label);
}

describe('reportCharts', () => {
  it('draws the issue\'s nine charts, each an SVG with no warning from Vega-Lite or Vega', () => {
    expect(charts.map((chart) => chart.id)).toEqual([
      'orders-per-day',
      'revenue-by-month',
      'customers-by-state',
      'prices-by-category',
      'returns-by-category',
      'funnel-by-device',
      'conversion-by-source',
      'cohort-retention',
      'items-per-order',
    ]);
    for (const chart of charts) {
      const result = drawn.get(chart.id);
      expect(result?.warnings, chart.id).toEqual([]);
      expect(result?.svg.startsWith('<svg'), chart.id).toBe(true);
    }
  });

  it('draws one bar per value, with the value', () => {
    expect(markLabels(svgOf('items-per-order'), 'bar')).toEqual(['lines in the order: 1; orders: 3', 'lines in the order: 2; orders: 1', 'lines in the order: 4; orders: 1']);
    // Highest on top; Vega escapes the data's labels in its SVG.
    expect(barsTopDown(svgOf('conversion-by-source'))).toEqual(['conversion: 33.3%; source: email', 'conversion: 20.0%; source: direct']);
    expect(barsTopDown(svgOf('returns-by-category'))).toEqual(['lines returned: 50%; category: Books', 'lines returned: 0%; category: Toys &lt;b&gt;&amp;&lt;/b&gt; &quot;Games&quot;']);
    // Ten funnel bars: five steps for each of two devices.
    expect(markLabels(svgOf('funnel-by-device'), 'bar')).toHaveLength(10);
    expect(markLabels(svgOf('customers-by-state'), 'bar').map((label) => label.split(';')[0])).toEqual(['state: CA', 'state: TX']);
  });

  it('labels the holiday peak on the orders per day', () => {
    const svg = svgOf('orders-per-day');
    expect(svg).toContain('Black Friday 2024');
    expect(markLabels(svg, 'point')).toEqual(['day: Nov 29, 2024; orders: 3']);
  });

  it('colours one cohort cell per figure', () => {
    expect(markLabels(svgOf('cohort-retention'), 'rect mark').map((label) => label.split('; cohort size')[0])).toEqual(['months after signup: 0; signup month: 2024-11; ordering: 50%', 'months after signup: 1; signup month: 2024-11; ordering: 100%', 'months after signup: 0; signup month: 2024-12; ordering: 0%']);
  });

  it('reads days and months as the clock says', () => {
    expect(charts.find((chart) => chart.id === 'orders-per-day')?.caption).toContain('local day');
    const utc = reportCharts({ ...FIGURES, clock: { utcOffsetHours: 0, basis: 'utc', note: 'no manifest' } });
    expect(utc.find((chart) => chart.id === 'orders-per-day')?.caption).toContain('UTC day');
  });
});

describe('reportPage', () => {
  let html: string;

  beforeAll(() => {
    html = reportPage({ dataset: 'data/<shop>', figures: FIGURES, manifest: MANIFEST, manifestFiles: ['manifest.json'], charts: charts.map((chart) => ({ chart, svg: svgOf(chart.id) })) });
  });

  it('holds every chart inline and nothing from outside', () => {
    expect(html.match(/<svg[\s>]/g)).toHaveLength(charts.length);
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    // url(#...) names a gradient of the same SVG.
    expect(html).not.toMatch(/<script|<link|@import|url\(\s*['"]?(?!#)/i);
  });

  it('escapes the data\'s labels and the directory name', () => {
    expect(html).not.toContain('<b>&</b>');
    expect(html).not.toContain('data/<shop>');
    expect(html).toContain('data/&#60;shop&#62;');
  });

  it('shows the headline figures, exact in data-value', () => {
    const figure = (key: string): { value: string; text: string } | undefined => {
      const match = new RegExp(`data-figure="${key}" data-value="([^"]*)"><span class="value">([^<]*)</span>`).exec(html);
      return match ? { value: match[1] as string, text: match[2] as string } : undefined;
    };
    expect(figure('orders')).toEqual({ value: '5', text: '5' });
    expect(figure('revenue_cents')).toEqual({ value: '123456', text: '$1,234.56' });
    // 123456 cents over 5 orders.
    expect(figure('average_order_value')).toEqual({ value: '246.912', text: '$246.91' });
    expect(figure('conversion')).toEqual({ value: '0.25', text: '25.0%' });
    expect(headlineFigures(FIGURES.headline, FIGURES.tables)).toHaveLength(12);
  });

  it('says which charts and figures a dataset written with --tables cannot have', () => {
    const present = ['customers', 'orders'] as const;
    const subset: ReportFigures = { ...FIGURES, tables: present };
    const page = reportPage({
      dataset: 'two',
      figures: subset,
      manifest: { ...MANIFEST, tables: present },
      manifestFiles: ['manifest.json'],
      charts: charts.map((chart) => ({ chart, svg: chart.needs.every((table) => (present as readonly string[]).includes(table)) ? svgOf(chart.id) : undefined })),
    });
    // orders per day, customers by state, cohorts.
    expect(page.match(/<svg[\s>]/g)).toHaveLength(3);
    expect(page).toMatch(/id="items-per-order">[^]*?Not drawn: the dataset holds no order_items table \(written with --tables\)/);
    expect(page).toMatch(/id="revenue-by-month">[^]*?Not drawn: the dataset holds no products, order_items tables /);
    expect(headlineFigures(subset.headline, present).map((figure) => figure.key)).toEqual(['customers', 'orders', 'revenue_cents', 'average_order_value', 'returned_share', 'repeat_buyers']);
    expect(page).not.toContain('data-figure="sessions"');
  });

  it('shows the manifest: version, schema version, seed, counts, format', () => {
    const row = (key: string): string | undefined => new RegExp(`<tr><th>${key}</th><td>([^<]*)</td></tr>`).exec(html)?.[1];
    expect(row('seed')).toBe('4242');
    expect(row('tool version')).toBe('ecomgen 0.1.0');
    expect(row('schema version')).toBe('3');
    expect(row('counts')).toBe('customers 3, products 4, orders 5, order_items 9, web_events 40');
    expect(row('format')).toBe('csv (gzip)');
    expect(row('part')).toBe('whole tables');
    const parts = reportPage({ dataset: 'p', figures: FIGURES, manifest: { ...MANIFEST, part: { index: 1, count: 3 } }, manifestFiles: ['manifest.part-001-of-003.json', 'manifest.part-002-of-003.json'], charts: [] });
    expect(parts).toContain('<tr><th>part</th><td>2 parts of 3</td></tr>');
  });

  it("shows a Parquet dataset's page codec, and zstd for an older Parquet manifest without one", () => {
    const formatOf = (manifest: typeof MANIFEST): string | undefined =>
      /<tr><th>format<\/th><td>([^<]*)<\/td><\/tr>/.exec(reportPage({ dataset: 'q', figures: FIGURES, manifest, manifestFiles: ['manifest.json'], charts: [] }))?.[1];
    const parquet = { ...MANIFEST, format: 'parquet', compression: 'none' } as const;
    expect(formatOf({ ...parquet, parquet_compression: 'snappy' })).toBe('parquet (snappy)');
    expect(formatOf({ ...parquet, parquet_compression: 'none' })).toBe('parquet (none)');
    expect(formatOf(parquet)).toBe('parquet (zstd)');
  });
});
