import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { OptionError, UsageError } from '../errors.js';
import { DEFAULT_CONFIG_FILE } from '../paths.js';
import { clockOf } from '../profile/profileClock.js';
import { directoryTables } from '../profile/tableReader.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { writeFileAtomic } from '../writer/atomicFile.js';
import { missingTables, reportCharts } from './chartSpecs.js';
import { reportFigures } from './reportFigures.js';
import { readReportManifest } from './reportManifest.js';
import { reportPage, type DrawnChart } from './reportPage.js';
import type { ReportFigures } from './reportTypes.js';

export interface ReportOptions {
  /** The HTML file to write; its folder must exist. */
  readonly output: string;
  /** Replace `output` when it exists. */
  readonly force?: boolean;
  /** The config the data was made with, for its local days (used when the manifest records its hash; default: the package's). */
  readonly configFile?: string;
}

export interface ReportResult {
  readonly output: string;
  readonly bytes: number;
  /** Charts drawn (those whose tables the dataset holds). */
  readonly charts: number;
  readonly figures: ReportFigures;
}

/** Checks `output` before any table is read: its folder exists, and it is a file we may replace. */
function checkOutput(output: string, force: boolean): void {
  const folder = dirname(output);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OptionError(`output: folder ${folder} does not exist`, 'output', `-o, --output: folder ${folder} does not exist`);
  if (!existsSync(output)) return;
  if (statSync(output).isDirectory()) throw new OptionError(`output: ${output} is a directory`, 'output', `-o, --output: ${output} is a directory`);
  if (!force) throw new OptionError(`output: ${output} already exists; pass force: true to replace it`, 'output', `-o, --output: ${output} already exists; pass --force to replace it`);
}

/** The table reader words its errors for `profile`; the same problem here is the report's. */
async function asReportError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UsageError && error.message.startsWith('profile: ')) throw new UsageError(`report: ${error.message.slice('profile: '.length)}`);
    throw error;
  }
}

/**
 * `ecomgen report`: reads a dataset once (a streaming pass per table), draws its charts with Vega-Lite
 * and writes one self-contained HTML page, atomically (the old file, if replaced, stays whole until the
 * new one is complete).
 */
export async function reportDataset(dir: string, options: ReportOptions): Promise<ReportResult> {
  const directory = resolve(dir);
  const output = resolve(options.output);
  if (!existsSync(directory)) throw new UsageError(`report: ${directory} does not exist`);
  if (!statSync(directory).isDirectory()) throw new UsageError(`report: ${directory} is not a directory`);
  checkOutput(output, options.force === true);
  const { manifest, files, text } = await readReportManifest(directory);
  if (dirname(output) === directory && [...files, ...manifest.files.map((file) => file.file)].includes(basename(output))) {
    throw new OptionError(`output: ${output} is a file of the dataset`, 'output', `-o, --output: ${output} is a file of the dataset`);
  }
  const clock = clockOf(text, options.configFile ?? DEFAULT_CONFIG_FILE);
  // A dataset written with --tables holds only those; the charts of the others are not drawn.
  const present = new Set(TABLE_NAMES.filter((table) => manifest.tables.includes(table)));
  const figures = await asReportError(reportFigures({ source: directoryTables(directory), present }, clock));
  // Vega and Vega-Lite take ~25 MB and most of a second to load: only a report pays for them, not every
  // command of the CLI or every importer of the library.
  const { renderSvg } = await import('./renderSvg.js');
  const charts: DrawnChart[] = [];
  for (const chart of reportCharts(figures)) {
    const drawable = missingTables(chart.needs, figures.tables).length === 0;
    charts.push({ chart, svg: drawable ? (await renderSvg(chart.spec)).svg : undefined });
  }
  const html = reportPage({ dataset: dir, figures, manifest, manifestFiles: files, charts });
  await writeFileAtomic(output, html);
  return { output, bytes: Buffer.byteLength(html), charts: charts.filter((drawn) => drawn.svg !== undefined).length, figures };
}
