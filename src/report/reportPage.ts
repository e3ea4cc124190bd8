import type { Manifest } from '../writer/manifest.js';
import { recordedParquetCodec } from '../encoding/parquet/parquetCodec.js';
import type { TableName } from '../schema/tableNames.js';
import { missingTables, type ReportChart } from './chartSpecs.js';
import type { Headline, ReportFigures } from './reportTypes.js';

/** The format and how its files are compressed: `csv (gzip)`, `parquet (snappy)` (an older Parquet manifest: zstd). */
function formatText(manifest: Manifest): string {
  const codec = recordedParquetCodec(manifest);
  if (codec !== undefined) return `${manifest.format} (${codec})`;
  return manifest.compression === 'none' ? manifest.format : `${manifest.format} (${manifest.compression})`;
}

/** A chart with its drawing (undefined: not drawn, the dataset lacks a table it needs). */
export interface DrawnChart {
  readonly chart: ReportChart;
  readonly svg: string | undefined;
}

export interface PageInput {
  /** The dataset's directory as the user named it. */
  readonly dataset: string;
  readonly figures: ReportFigures;
  readonly manifest: Manifest;
  readonly manifestFiles: readonly string[];
  readonly charts: readonly DrawnChart[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Made when a page is, not when the module loads: the first Intl formatter loads ~7 MB of locale data,
// which every CLI command would pay for.
const integer = (value: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);
const money = (value: number): string => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);
const percent = (value: number): string => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
const decimal = (value: number): string => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** A headline figure: `value` is exact and machine-readable (data-value), `text` is how it is shown. */
interface Figure {
  readonly key: string;
  /** The tables it is counted from. */
  readonly needs: readonly TableName[];
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** The headline's figures whose tables the dataset holds. */
export function headlineFigures(headline: Headline, present: readonly TableName[]): Figure[] {
  const count = (key: string, label: string, table: TableName, value: number): Figure => ({ key, label, needs: [table], value, text: integer(value) });
  const aovCents = share(headline.revenueCents, headline.orders);
  const figures: Figure[] = [
    count('customers', 'customers', 'customers', headline.customers),
    count('products', 'products', 'products', headline.products),
    count('orders', 'orders', 'orders', headline.orders),
    count('order_items', 'order lines', 'order_items', headline.orderItems),
    count('web_events', 'web events', 'web_events', headline.webEvents),
    count('sessions', 'sessions', 'web_events', headline.sessions),
    { key: 'revenue_cents', label: 'revenue (order totals)', needs: ['orders'], value: headline.revenueCents, text: money(headline.revenueCents / 100) },
    { key: 'average_order_value', label: 'average order value', needs: ['orders'], value: aovCents / 100, text: money(aovCents / 100) },
    { key: 'lines_per_order', label: 'lines per order', needs: ['orders', 'order_items'], value: share(headline.orderItems, headline.orders), text: decimal(share(headline.orderItems, headline.orders)) },
    { key: 'conversion', label: 'sessions converting', needs: ['web_events'], value: share(headline.convertedSessions, headline.sessions), text: percent(share(headline.convertedSessions, headline.sessions)) },
    { key: 'returned_share', label: 'orders returned', needs: ['orders'], value: share(headline.returnedOrders, headline.orders), text: percent(share(headline.returnedOrders, headline.orders)) },
    { key: 'repeat_buyers', label: 'buyers ordering again', needs: ['customers', 'orders'], value: share(headline.repeatBuyers, headline.buyers), text: percent(share(headline.repeatBuyers, headline.buyers)) },
  ];
  return figures.filter((figure) => missingTables(figure.needs, present).length === 0);
}

/** Whole tables, one part of a `--part` run, or several parts read together (one manifest each). */
function partText(manifest: Manifest, files: readonly string[]): string {
  if (manifest.part === null) return 'whole tables';
  return files.length > 1 ? `${files.length} parts of ${manifest.part.count}` : `part ${manifest.part.index} of ${manifest.part.count}`;
}

function manifestRows(manifest: Manifest, files: readonly string[]): [string, string][] {
  const counts = Object.entries(manifest.counts).map(([table, rows]) => `${table} ${integer(rows)}`).join(', ');
  return [
    ['tool version', `${manifest.tool} ${manifest.version}`],
    ['schema version', String(manifest.schema_version)],
    ['environment', manifest.environment],
    ['seed', String(manifest.seed)],
    // Manifests of schema version 2 and before have no as_of (they show the window's end).
    ['as of', manifest.as_of ?? 'the window\'s end'],
    ['counts', counts],
    ...(manifest.defects ? [['defects', `${integer(manifest.defects.rows)} answer-key lines in ${manifest.defects.file}`] as [string, string]] : []),
    ['tables', manifest.tables.join(', ')],
    ['format', formatText(manifest)],
    ['part', partText(manifest, files)],
    ['config sha256', manifest.config_sha256],
    ['schemas sha256', manifest.schemas_sha256],
    ['manifest', files.join(', ')],
  ];
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #f3f4f6; color: #111827; font: 14px/1.45 Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 2px; }
.sub, .caption, .note, .missing { color: #4b5563; }
.missing { font-style: italic; }
.caption { font-size: 12px; margin: 0 0 8px; }
.figures { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 16px 0 20px; }
.figure { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.figure .value { display: block; font-size: 20px; font-weight: bold; }
.figure .label { color: #4b5563; font-size: 12px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.chart { margin: 0; background: #fff; border-radius: 6px; padding: 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow-x: auto; }
.chart.wide { grid-column: 1 / -1; }
.chart svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; background: #fff; margin-top: 8px; }
th, td { text-align: left; padding: 4px 12px; border-bottom: 1px solid #e5e7eb; font-size: 13px; vertical-align: top; }
th { color: #4b5563; font-weight: normal; white-space: nowrap; }
td { font-family: Menlo, Consolas, monospace; word-break: break-all; }
section.manifest { margin-top: 24px; }
`;

/**
 * The whole page: styles and charts inline, no script and no reference to anything outside it, so it
 * opens the same offline, from a mail attachment or a CI artifact.
 */
export function reportPage(input: PageInput): string {
  const { manifest, figures } = input;
  const cards = headlineFigures(figures.headline, figures.tables)
    .map((figure) => `<div class="figure" data-figure="${figure.key}" data-value="${figure.value}"><span class="value">${escapeHtml(figure.text)}</span><span class="label">${escapeHtml(figure.label)}</span></div>`)
    .join('\n');
  const charts = input.charts
    .map(({ chart, svg }) => {
      const missing = missingTables(chart.needs, figures.tables);
      const body = svg ?? `<p class="missing">Not drawn: the dataset holds no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''} (written with --tables).</p>`;
      return `<figure class="chart${chart.wide ? ' wide' : ''}" id="${chart.id}">\n<h2>${escapeHtml(chart.title)}</h2>\n<p class="caption">${escapeHtml(chart.caption)}</p>\n${body}\n</figure>`;
    })
    .join('\n');
  const rows = manifestRows(manifest, input.manifestFiles)
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecomgen report: ${escapeHtml(input.dataset)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>ecomgen report</h1>
<p class="sub">${escapeHtml(input.dataset)}: ${escapeHtml(manifest.environment)}, seed ${manifest.seed}, ecomgen ${escapeHtml(manifest.version)}, schema version ${manifest.schema_version}</p>
<section class="figures">
${cards}
</section>
<section class="charts">
${charts}
</section>
<section class="manifest">
<h2>Manifest</h2>
<table>
${rows}
</table>
<p class="note">Days and months: ${escapeHtml(figures.clock.basis === 'config' ? `local time, ${figures.clock.note}` : `UTC (${figures.clock.note})`)}.</p>
</section>
</main>
</body>
</html>
`;
}
