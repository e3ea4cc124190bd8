// Log records as a person reads them on a terminal: one line each, and the run's start as a short summary
// (pino-pretty's multi-line objects made the opening block ~25 lines). Off a terminal logs stay JSON lines.
import { colorizerFactory, isColorSupported } from 'pino-pretty';
import { formatSize } from './formatSize.js';

type LogRecord = Readonly<Record<string, unknown>>;

const count = (value: unknown): string => (typeof value === 'number' ? value.toLocaleString('en-US') : String(value));
const seconds = (ms: unknown): string => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)}s` : '?');

/** Level labels as pino-pretty colours them (INFO green, WARN yellow, ...), plain when colours are off. */
const colorizeLevel = colorizerFactory(isColorSupported);

/** Shown in the line's head. The terminal logger sets no pid or hostname base fields: a `pid` is the record's own. */
const HEAD_FIELDS = new Set(['level', 'time', 'msg']);

/** Any other record: time, level, message and its own fields as compact JSON, on one line. */
function recordLine(record: LogRecord, stamp: string, colorize: (level: number) => string): string {
  const fields = Object.fromEntries(Object.entries(record).filter(([key]) => !HEAD_FIELDS.has(key)));
  const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  return `${stamp} ${colorize(typeof record['level'] === 'number' ? record['level'] : 30)}: ${String(record['msg'] ?? '')}${rest}\n`;
}

function clock(record: LogRecord): string {
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 19) : '--:--:--';
  return `[${time}]`;
}

/** The start of a run in three lines: what, how many rows of which tables, and how. */
function startSummary(record: LogRecord, stamp: string): string[] {
  const counts = (record['counts'] ?? {}) as Readonly<Record<string, number>>;
  const tables = Array.isArray(record['tables']) ? (record['tables'] as string[]) : Object.keys(counts);
  const part = record['part'] as { index: number; count: number } | undefined | null;
  const reused = Array.isArray(record['reused']) && record['reused'].length > 0 ? `, keeping ${(record['reused'] as string[]).join(', ')}` : '';
  const total = tables.reduce((sum, table) => sum + (counts[table] ?? 0), 0);
  const indent = ' '.repeat(stamp.length + 1);
  // A parquet run's page codec (`parquetCompression`), or a csv/jsonl run's file compression.
  const codec = record['parquetCompression'] ?? record['compression'];
  const compression = codec && codec !== 'none' ? `+${String(codec)}` : '';
  return [
    `${stamp} generating ${String(record['environment'])}, seed ${String(record['seed'])}, into ${String(record['outputDir'])} (${String(record['mode'])}${reused})`,
    `${indent}${count(total)} rows${part ? ` (part ${part.index} of ${part.count} of each)` : ''}: ${tables.map((table) => `${table} ${count(counts[table])}`).join(', ')}`,
    `${indent}${String(record['format'])}${compression}, ${count(record['workers'])} workers, ${count(record['shards'])} shards`,
  ];
}

/** The text of one pino JSON line on a terminal (ending with a newline). */
export function terminalLogText(json: string, colorize: (level: number) => string = colorizeLevel): string {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const stamp = clock(record);
  const level = typeof record['level'] === 'number' ? record['level'] : 30;
  if (level === 30 && record['msg'] === 'generating') return `${startSummary(record, stamp).join('\n')}\n`;
  if (level === 30 && record['msg'] === 'table written') {
    return `${stamp} ${String(record['table'])} written: ${count(record['rows'])} rows, ${formatSize(Number(record['bytes']))} in ${seconds(record['ms'])}\n`;
  }
  if (level === 30 && record['msg'] === 'done') return `${stamp} done: ${count(record['rows'])} rows in ${seconds(record['ms'])} (${count(record['rowsPerSecond'])} rows/s)\n`;
  return recordLine(record, stamp, colorize);
}
