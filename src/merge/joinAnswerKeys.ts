// The answer keys of a dirty run's parts joined into the key a whole run writes. A whole run writes its
// key shard by shard in table order; a part writes the same lines for its own id slice, table by table.
// So the whole key is, table by table, each part's lines of that table in part order.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANSWER_KEY_HEADER, type DefectKind } from '../defects/defectKinds.js';
import { UsageError } from '../errors.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { Manifest, ManifestDefects } from '../writer/manifest.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;

/** One part's answer key: its bytes and where each table's lines lie in them. */
interface PartKey {
  readonly name: string;
  readonly bytes: Buffer;
  readonly spans: ReadonlyMap<TableName, { readonly start: number; readonly end: number }>;
}

export interface JoinedAnswerKey {
  /** The whole key's bytes, header included, in the order a whole run writes them. */
  readonly chunks: readonly Uint8Array[];
  readonly rows: number;
  /** The part manifests' defects entry with the parts' dirty rows per kind summed (file, bytes and sha256 are the caller's). */
  readonly defects: ManifestDefects;
}

/**
 * Reads a part's key, checks it against its manifest (size, sha256, lines) and finds each table's lines:
 * records end at a newline outside quotes (a dirty value may hold a newline), the table is the first field.
 */
async function readPartKey(dir: string, defects: ManifestDefects): Promise<PartKey> {
  const name = defects.file;
  const bytes = await readFile(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`the parts' answer key ${name} cannot be read in ${dir} (${error.code ?? error.message})`);
  });
  if (bytes.length !== defects.bytes || createHash('sha256').update(bytes).digest('hex') !== defects.sha256) {
    throw new UsageError(`${name} does not match the bytes and sha256 in its part manifest: the file changed or is incomplete`);
  }
  const header = Buffer.from(ANSWER_KEY_HEADER, 'utf8');
  if (!bytes.subarray(0, header.length).equals(header)) throw new UsageError(`${name} is not an answer key: its header is not ${ANSWER_KEY_HEADER.trimEnd()}`);
  const spans = new Map<TableName, { start: number; end: number }>();
  let rows = 0;
  let current: TableName | undefined;
  let start = header.length;
  let quoted = false;
  for (let at = header.length; at < bytes.length; at++) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) quoted = !quoted;
    if (byte !== NEWLINE || quoted) continue;
    const comma = bytes.indexOf(COMMA, start);
    const table = bytes.toString('latin1', start, comma < 0 || comma > at ? at : comma) as TableName;
    if (!(TABLE_NAMES as readonly string[]).includes(table)) throw new UsageError(`${name} line ${rows + 2} names no table of ecomgen`);
    const span = spans.get(table);
    if (span && table !== current) throw new UsageError(`${name} holds ${table}'s lines in more than one stretch: not an answer key ecomgen wrote`);
    if (span) span.end = at + 1;
    else spans.set(table, { start, end: at + 1 });
    current = table;
    rows++;
    start = at + 1;
  }
  if (start !== bytes.length || rows !== defects.rows) throw new UsageError(`${name} holds ${rows} lines but its part manifest records ${defects.rows}: incomplete or changed`);
  return { name, bytes, spans };
}

/** The whole run's answer key from the parts' (manifests in part order), or undefined for clean parts. */
export async function joinAnswerKeys(dir: string, manifests: readonly Manifest[]): Promise<JoinedAnswerKey | undefined> {
  const entries = manifests.map((manifest) => manifest.defects);
  const first = entries[0];
  if (!first) return undefined;
  const keys: PartKey[] = [];
  for (const entry of entries) keys.push(await readPartKey(dir, entry as ManifestDefects));
  const chunks: Uint8Array[] = [Buffer.from(ANSWER_KEY_HEADER, 'utf8')];
  for (const table of TABLE_NAMES) {
    for (const key of keys) {
      const span = key.spans.get(table);
      if (span) chunks.push(key.bytes.subarray(span.start, span.end));
    }
  }
  // Each dirty row is counted by the one part holding its id, so the parts' counts add up to the whole's.
  const counts = Object.fromEntries(Object.keys(first.counts).map((kind) => [kind, entries.reduce((sum, entry) => sum + (entry?.counts[kind as DefectKind] ?? 0), 0)]));
  const rows = entries.reduce((sum, entry) => sum + (entry?.rows ?? 0), 0);
  return { chunks, rows, defects: { ...first, counts } };
}
