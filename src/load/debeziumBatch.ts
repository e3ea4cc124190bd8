import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { csvText } from '../encoding/csvText.js';
import { UsageError } from '../errors.js';
import { CHANGE_COLUMNS } from './changesFolder.js';
import { isRecord } from '../core/jsonRecord.js';

const OPS: Readonly<Record<string, 'I' | 'U' | 'D'>> = { c: 'I', u: 'U', d: 'D' };


/** A JSON value as the snapshot CSVs write it: null as an empty field, numbers and booleans as text. */
function fieldText(value: unknown, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '""' : csvText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UsageError(`${where} is not a string, number, boolean or null`);
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) of epoch milliseconds. */
const timestampText = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * One Debezium-style envelope line of a changes `.jsonl` file as the record of the equivalent `.csv` file
 * (`_op,_changed_at,_seq,<columns>`), so both formats take the same COPY path. `where` names the line.
 */
export function envelopeToCsvRecord(line: string, columns: readonly string[], key: string, where: string): string {
  let envelope: unknown;
  try {
    envelope = JSON.parse(line);
  } catch {
    throw new UsageError(`--apply: ${where} is not valid JSON`);
  }
  if (!isRecord(envelope)) throw new UsageError(`--apply: ${where} is not a JSON object`);
  const op = OPS[String(envelope['op'])];
  if (op === undefined) throw new UsageError(`--apply: ${where}: "op" must be c, u or d`);
  const source = envelope['source'];
  const parsed = isRecord(source) ? source['seq'] : undefined;
  // _seq values pass 2^53 (ecomgen packs time, table and id into a BIGINT), beyond what a JS number holds:
  // the digits are taken from the text, the "seq" whose value is the parsed one.
  const seq = typeof parsed === 'number' && Number.isInteger(parsed) && parsed >= 0
    ? [...line.matchAll(/"seq"\s*:\s*(\d+)/g)].map((match) => match[1] as string).find((digits) => Number(digits) === parsed)
    : undefined;
  if (seq === undefined) throw new UsageError(`--apply: ${where}: "source.seq" must be an integer`);
  const ms = envelope['ts_ms'];
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new UsageError(`--apply: ${where}: "ts_ms" must be epoch milliseconds`);
  const image = envelope[op === 'D' ? 'before' : 'after'];
  if (!isRecord(image)) throw new UsageError(`--apply: ${where}: "${op === 'D' ? 'before' : 'after'}" must be an object for op ${String(envelope['op'])}`);
  if (op === 'D') {
    if (image[key] === undefined || image[key] === null) throw new UsageError(`--apply: ${where}: "before" has no ${key}`);
  } else {
    const names = Object.keys(image);
    if (names.length !== columns.length || !columns.every((column) => column in image)) {
      throw new UsageError(`--apply: ${where}: "after" must hold the columns ${columns.join(',')}`);
    }
  }
  const fields = columns.map((column) => fieldText(image[column], `--apply: ${where}: ${column}`));
  return `${[op, timestampText(ms), seq, ...fields].join(',')}\n`;
}

/** Converts a changes `.jsonl` file into the equivalent `.csv` at `csvPath`, streaming; returns the rows. */
export async function debeziumFileToCsv(jsonlPath: string, csvPath: string, columns: readonly string[], key: string): Promise<number> {
  const out = createWriteStream(csvPath);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  let rows = 0;
  let lineNumber = 0;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    await write(`${[...CHANGE_COLUMNS, ...columns].join(',')}\n`);
    for await (const line of createInterface({ input: createReadStream(jsonlPath), crlfDelay: Infinity })) {
      lineNumber += 1;
      if (line === '') continue;
      await write(envelopeToCsvRecord(line, columns, key, `${jsonlPath} line ${lineNumber}`));
      rows += 1;
    }
  } finally {
    out.end();
    await Promise.race([once(out, 'close'), failed]);
  }
  return rows;
}
