// validate scored against an answer key, in memory: a tiny dataset made dirty by the real defect pass,
// validated with every violation kept, and the score read back.
import { describe, expect, it } from 'vitest';
import { tableDefectPlan } from '../../../src/defects/defectPlan.js';
import { ANSWER_KEY_HEADER, DEFECT_KINDS } from '../../../src/defects/defectKinds.js';
import { injectShardDefects } from '../helpers/defectPass.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { validateFilesInDetail } from '../../../src/validate/validateDataset.js';
import { VIOLATIONS_HEADER, violationsText } from '../../../src/validate/violations.js';
import { parseCsv } from '../../helpers/csv.js';
import { headerOf, madeTableRows, SCHEMAS, TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf();
const WEIGHTS = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 1])) as Record<(typeof DEFECT_KINDS)[number], number>;

function dirtyDataset(rate: number): { files: Record<string, string>; answerKey: string } {
  const settings = { rates: Object.fromEntries(TABLE_NAMES.map((table) => [table, rate])) as Record<TableName, number>, weights: WEIGHTS };
  const files: Record<string, string> = {};
  let answerKey = ANSWER_KEY_HEADER;
  for (const table of TABLE_NAMES) {
    const out = new RowSink();
    const clean = madeTableRows(table);
    const result = injectShardDefects(
      {
        plan: tableDefectPlan(settings, table, 42),
        counts: TINY_COUNTS,
        columns: SCHEMAS[table].columns.map((column) => column.name),
        typedColumns: false,
        from: 1,
        to: TINY_COUNTS[table],
        clean: new TextEncoder().encode(clean),
        rows: clean.split('\n').length - 1,
        regenerate: (id) => {
          const sink = new RowSink();
          createTableGenerator(world, table).rows(id, id, sink, world.windowLast);
          return sink.text().replace(/\n$/, '');
        },
      },
      out,
    );
    files[`${table}.csv`] = headerOf(table) + out.text();
    answerKey += new TextDecoder().decode(result.answerKey);
  }
  return { files, answerKey };
}

const SEEN = ['missing_value', 'orphan_reference', 'duplicate_row', 'duplicate_key', 'out_of_range', 'invalid_value', 'arithmetic_mismatch', 'time_order', 'future_timestamp', 'format_drift', 'mojibake'];

describe('validate --answer-key', () => {
  it('catches every defect of the kinds its rules see, and every violation has a defect behind it', async () => {
    const { files, answerKey } = dirtyDataset(0.15);
    const { report, violations, score } = await validateFilesInDetail({ files }, { answerKeyText: answerKey });
    expect(report.valid).toBe(false);
    if (!score) throw new Error('no score');
    for (const kind of SEEN) {
      const entry = score.kinds.find((candidate) => candidate.kind === kind);
      expect(entry?.injected, kind).toBeGreaterThan(0);
      expect(entry?.caught, kind).toBe(entry?.injected);
    }
    expect(score.unexplainedExamples).toEqual([]);
    expect(score.complete).toBe(true);
    // Every violation is listed, as many as the report counts, each with its rule, table and key.
    expect(violations).toHaveLength(report.summary.violations);
    const rows = parseCsv(violationsText(violations));
    expect(`${rows[0]?.join(',')}\n`).toBe(VIOLATIONS_HEADER);
    const keyed = new Set(parseCsv(answerKey).slice(1).map(([table, key]) => `${table} ${key}`));
    expect(rows.slice(1).some(([, table, key]) => keyed.has(`${table} ${key}`))).toBe(true);
  });

  it('counts a violation on a clean row as unexplained, and a missed defect against recall', async () => {
    const { files, answerKey } = dirtyDataset(0.15);
    const lines = answerKey.trimEnd().split('\n');
    // Drop one missing value from the key (its violation is then unexplained) ...
    const dropped = lines.findIndex((line) => line.includes(',missing_value,'));
    const [, table, key] = (lines[dropped] as string).match(/^(\w+),(\d+),/) ?? [];
    // ... and claim a defect on a clean order that no rule can see.
    const cleanOrder = [...Array(TINY_COUNTS.orders).keys()].map((index) => String(index + 1)).find((id) => !answerKey.includes(`\norders,${id},`));
    const edited = [...lines.slice(0, dropped), ...lines.slice(dropped + 1), `orders,${cleanOrder},status,invalid_value,x,y`].join('\n');
    const { score } = await validateFilesInDetail({ files }, { answerKeyText: `${edited}\n` });
    if (!score) throw new Error('no score');
    expect(score.complete).toBe(false);
    expect(score.unexplainedExamples.some((violation) => violation.table === table && violation.key === key)).toBe(true);
    const invalid = score.kinds.find((candidate) => candidate.kind === 'invalid_value');
    expect(invalid?.caught).toBe((invalid?.injected ?? 0) - 1);
  });
});
