// manifest.json, when present, promises each file's row count, size and sha256: compare them with what
// was read. A dataset of parts has a manifest per part (manifest.part-*.json), each for its part files.
import type { TableName } from '../schema/tableNames.js';
import type { RuleBook } from './ruleBook.js';
import { isRecord } from '../core/jsonRecord.js';

const MANIFEST_FILE = 'manifest.json';

interface ManifestEntry {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number | undefined;
  readonly sha256: string;
}

export type ManifestState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'present'; readonly entries: ReadonlyMap<string, ManifestEntry>; readonly asOf?: string };

/** manifest.json as read from where the dataset is: absent, unreadable (with the system error code), or its text. */
export type ManifestText = { readonly kind: 'absent' } | { readonly kind: 'unreadable'; readonly code: string } | { readonly kind: 'text'; readonly text: string };

export function parseManifest(read: ManifestText): ManifestState {
  if (read.kind === 'absent') return { kind: 'absent' };
  if (read.kind === 'unreadable') return { kind: 'invalid', problem: `cannot read it (${read.code})` };
  const text = read.text;
  let node: unknown;
  try {
    node = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', problem: `not valid JSON (${(error as Error).message})` };
  }
  if (!isRecord(node) || !Array.isArray(node['files'])) return { kind: 'invalid', problem: 'has no "files" list' };
  const entries = new Map<string, ManifestEntry>();
  for (const [index, file] of node['files'].entries()) {
    const valid = isRecord(file) && typeof file['file'] === 'string' && Number.isSafeInteger(file['rows']) && typeof file['sha256'] === 'string';
    if (!valid) return { kind: 'invalid', problem: `files[${index}] lacks file, rows or sha256` };
    entries.set(file['file'] as string, {
      file: file['file'] as string,
      rows: file['rows'] as number,
      bytes: Number.isSafeInteger(file['bytes']) ? (file['bytes'] as number) : undefined,
      sha256: file['sha256'] as string,
    });
  }
  const asOf = node['as_of'];
  return typeof asOf === 'string' && TIMESTAMP.test(asOf) ? { kind: 'present', entries, asOf } : { kind: 'present', entries };
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/**
 * The manifests of a dataset's parts as one: every part's files. A part manifest that is unreadable or
 * invalid makes the whole invalid, naming it.
 */
export function combineManifests(manifests: readonly { readonly name: string; readonly state: ManifestState }[]): ManifestState {
  if (manifests.length === 1) return (manifests[0] as { state: ManifestState }).state;
  const entries = new Map<string, ManifestEntry>();
  let asOf: string | undefined;
  for (const { name, state } of manifests) {
    if (state.kind === 'invalid') return { kind: 'invalid', problem: `${name}: ${state.problem}` };
    if (state.kind !== 'present') continue;
    for (const [file, entry] of state.entries) entries.set(file, entry);
    asOf ??= state.asOf;
  }
  if (entries.size === 0) return { kind: 'absent' };
  return asOf === undefined ? { kind: 'present', entries } : { kind: 'present', entries, asOf };
}

export interface FileFacts {
  readonly table: TableName;
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** MAN-FORMAT, MAN-ROWS and MAN-SHA256. */
export function checkManifest(book: RuleBook, manifest: ManifestState, files: readonly FileFacts[]): void {
  const format = book.tally('MAN-FORMAT');
  const rows = book.tally('MAN-ROWS');
  const sha = book.tally('MAN-SHA256');
  if (manifest.kind === 'absent') {
    for (const tally of [format, rows, sha]) tally.skip(`no ${MANIFEST_FILE} in the directory`);
    return;
  }
  if (manifest.kind === 'invalid') {
    format.add(MANIFEST_FILE, 0, () => ({ key: '', values: {}, problem: `${MANIFEST_FILE} is ${manifest.problem}` }));
    for (const tally of [rows, sha]) tally.skip(`${MANIFEST_FILE} is ${manifest.problem}`);
    return;
  }
  for (const file of files) {
    const entry = manifest.entries.get(file.file);
    if (!entry) {
      format.add(MANIFEST_FILE, 0, () => ({ key: '', values: { file: file.file }, problem: `${MANIFEST_FILE} does not list ${file.file}` }));
      continue;
    }
    if (entry.rows !== file.rows) {
      rows.add(file.file, 0, () => ({ key: '', values: { rows: String(file.rows), 'manifest rows': String(entry.rows) }, problem: `${file.file} has ${file.rows} rows; ${MANIFEST_FILE} says ${entry.rows}` }));
    }
    if (entry.sha256 !== file.sha256 || (entry.bytes !== undefined && entry.bytes !== file.bytes)) {
      sha.add(file.file, 0, () => ({
        key: '',
        values: { sha256: file.sha256, 'manifest sha256': entry.sha256, bytes: String(file.bytes), 'manifest bytes': String(entry.bytes ?? '') },
        problem: `${file.file} differs from the file ${MANIFEST_FILE} describes (sha256${entry.bytes !== undefined && entry.bytes !== file.bytes ? ' and size' : ''})`,
      }));
    }
  }
}
