// A strict load of dirty data (`generate --defects`) fails on the first defect the warehouse refuses; the
// warehouse's message names the constraint but not the row. This names the answer key's first defect of
// the kind behind that message, so the one line says which file, which row and what kind of problem.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRecords } from '../encoding/csvRecords.js';
import { ANSWER_KEY_FILE, ANSWER_KEY_HEADER, type DefectKind } from '../defects/defectKinds.js';
import { printable } from '../encoding/controlChars.js';

/** The kinds a strict load refuses (NOT NULL, keys, CHECK, types) and the warehouse messages they give. */
const REFUSED: readonly (readonly [RegExp, readonly DefectKind[]])[] = [
  [/NOT NULL|null value/i, ['missing_value']],
  [/PRIMARY KEY|duplicate key|unique/i, ['duplicate_row', 'duplicate_key']],
  [/foreign key/i, ['orphan_reference']],
  [/CHECK constraint|violates check/i, ['out_of_range', 'invalid_value']],
  [/conver|invalid input syntax|out of range|could not parse|too long/i, ['format_drift', 'invalid_value', 'out_of_range']],
];

/** Kinds that break a load with every key and check enforced (README, "Dirty data"). */
const LOAD_BREAKING_KINDS: readonly DefectKind[] = ['missing_value', 'orphan_reference', 'duplicate_row', 'duplicate_key', 'out_of_range', 'invalid_value', 'format_drift'];

/** ` (dirty data: ...)` naming the answer key's first matching defect, or '' when the dataset has no answer key. */
export async function dirtyLoadHint(directory: string, message: string, table?: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(directory, ANSWER_KEY_FILE), 'utf8');
  } catch {
    return '';
  }
  if (!text.startsWith(ANSWER_KEY_HEADER)) return '';
  const kinds = REFUSED.find(([pattern]) => pattern.test(message))?.[1] ?? LOAD_BREAKING_KINDS;
  const lines = parseRecords(text, ANSWER_KEY_FILE).slice(1).filter(([of, , , kind]) => (table === undefined || of === table) && kinds.includes(kind as DefectKind));
  // The defect in the column the warehouse names, when it names one.
  const first = lines.find(([, , column]) => column !== undefined && column !== '' && message.includes(column)) ?? lines[0];
  if (!first) return '';
  const [of, key, column, kind] = first;
  return printable(`; ${of}.csv is dirty data: ${ANSWER_KEY_FILE} lists ${lines.length} ${kinds.join('/')} defect${lines.length === 1 ? '' : 's'} there, e.g. ${kind ?? ''} at key ${key ?? ''}${column ? `, column ${column}` : ''}; a strict load refuses them`);
}
