// `generate --defects`: the answer key is exactly the diff between a clean and a dirty run of one seed,
// every kind turns up at a 2% rate on dev, and the dirty rows are the same for any workers or parts
// (merged parts are the whole run, answer key included).
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { generate, TABLE_NAMES } from 'ecomgen';
import { parseCsv, readTable } from '../helpers/csv.js';
import { runCli, tempDir } from '../helpers/run.js';
import { answerKeyLines, replayAnswerKey, type AnswerKeyLine } from '../helpers/answerKeyReplay.js';

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const KINDS = [
  'missing_value', 'orphan_reference', 'duplicate_row', 'duplicate_key', 'near_duplicate', 'out_of_range', 'invalid_value',
  'arithmetic_mismatch', 'time_order', 'future_timestamp', 'format_drift', 'whitespace_case', 'mojibake', 'truncated_value', 'late_arriving',
];

/** Kinds a load with every key and check enforced accepts (README, "Dirty data"). */
const LOADABLE = ['near_duplicate', 'arithmetic_mismatch', 'time_order', 'future_timestamp', 'whitespace_case', 'mojibake', 'truncated_value', 'late_arriving'];

/**
 * A third of dev, on one worker thread, for the loads: the load is under test, not the rate, and at 2%
 * every table still gets tens of defects (items and events follow from the orders).
 */
const LOAD_COUNTS = { customers: 300, products: 150, orders: 1500, workers: 1 } as const;

let clean: string;
let dirty: string;
let key: AnswerKeyLine[];

// One worker thread for runs whose worker count is not under test (the bytes are the same for any count,
// as 'determinism of the dirty rows' shows): a second thread sets up its own copy of the run's state, ~1
// CPU-second more for a dev run.
beforeAll(async () => {
  clean = tempDir('clean');
  dirty = tempDir('dirty');
  await generate({ environment: 'dev', outputDir: clean, samples: false, workers: 1 });
  await generate({ environment: 'dev', outputDir: dirty, samples: false, defects: 0.02, workers: 1 });
  key = answerKeyLines(parseCsv(readFileSync(join(dirty, 'defects.csv'), 'utf8')).slice(1));
});

interface DirtyScore {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly violationsFile: string;
}

let dirtyScore: DirtyScore | undefined;

/**
 * `validate --answer-key --violations --format json` on the dev dirty run, made once for the file: the
 * score's own test and the jsonl dataset's comparison read the same report.
 */
function scoreDirty(): DirtyScore {
  if (!dirtyScore) {
    const violationsFile = join(tempDir('violations'), 'violations.csv');
    const result = runCli(['validate', dirty, '--answer-key', join(dirty, 'defects.csv'), '--violations', violationsFile, '--format', 'json']);
    dirtyScore = { ...result, violationsFile };
  }
  return dirtyScore;
}

describe('the answer key', () => {
  it.each(TABLE_NAMES)('%s: replaying the answer key on the clean file gives the dirty file, row for row', (table) => {
    const cleanTable = readTable(clean, `${table}.csv`);
    const dirtyTable = readTable(dirty, `${table}.csv`);
    const lines = key.filter((line) => line.table === table);
    expect(lines.length).toBeGreaterThan(0);
    expect(dirtyTable.header).toEqual(cleanTable.header);
    expect(replayAnswerKey(cleanTable, lines)).toEqual(dirtyTable.rows);
    // And the dirty file is not the clean one: the rows the key names really differ.
    expect(dirtyTable.rows).not.toEqual(cleanTable.rows);
  });

  it('has every kind at a 2% rate on dev, and the manifest counts them and lists the key with its sha256', () => {
    const manifest = JSON.parse(readFileSync(join(dirty, 'manifest.json'), 'utf8')) as {
      defects: { file: string; rows: number; sha256: string; counts: Record<string, number>; settings: { rates: Record<string, number> } };
      files: { table: string; rows: number }[];
    };
    const kinds = new Set(key.map((line) => line.kind));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
    expect(Object.keys(manifest.defects.counts)).toEqual(KINDS);
    for (const kind of KINDS) expect(manifest.defects.counts[kind], kind).toBeGreaterThan(0);
    expect(manifest.defects.file).toBe('defects.csv');
    expect(manifest.defects.rows).toBe(key.length);
    expect(manifest.defects.settings.rates['orders']).toBe(0.02);
    // About 2% of each table's rows are dirty (a row carries one defect; duplicates add a row).
    const dirtyRows = Object.values(manifest.defects.counts).reduce((sum, count) => sum + count, 0);
    const rows = manifest.files.reduce((sum, file) => sum + file.rows, 0);
    expect(dirtyRows / rows).toBeGreaterThan(0.015);
    expect(dirtyRows / rows).toBeLessThan(0.025);
    const cleanManifest = JSON.parse(readFileSync(join(clean, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(cleanManifest['defects']).toBeUndefined();
    expect(readdirSync(clean)).not.toContain('defects.csv');
  });
});

describe('determinism of the dirty rows', () => {
  it('is the same for 1 and 2 workers, any shard size, and for parts put back together', async () => {
    const counts = { customers: 900, products: 400, orders: 4000, orderItems: 11000, webEvents: 30000 } as const;
    const one = tempDir('dirty-w1');
    const two = tempDir('dirty-w2');
    const parts = tempDir('dirty-parts');
    await generate({ ...counts, seed: 7, workers: 1, outputDir: one, defects: 0.05 });
    await generate({ ...counts, seed: 7, workers: 2, shardRows: 777, outputDir: two, defects: 0.05, samples: false });
    // One worker per part: slicing, not the pool, is under test for the parts (the pool is the run above).
    for (const part of [1, 2, 3]) await generate({ ...counts, seed: 7, workers: 1, part, parts: 3, outputDir: parts, defects: 0.05 });
    const partText = (file: string, part: number): string => readFileSync(join(parts, file.replace('.csv', `.part-00${part}-of-003.csv`)), 'utf8');
    const body = (text: string): string[] => text.split('\n').slice(1, -1);
    for (const file of TABLE_NAMES.map((table) => `${table}.csv`)) {
      const whole = readFileSync(join(one, file), 'utf8');
      expect(readFileSync(join(two, file), 'utf8'), file).toBe(whole);
      expect([1, 2, 3].flatMap((part) => body(partText(file, part))), file).toEqual(body(whole));
    }
    // The answer key: the same bytes for any workers; a part's key holds its own rows, table by table.
    const wholeKey = readFileSync(join(one, 'defects.csv'), 'utf8');
    expect(readFileSync(join(two, 'defects.csv'), 'utf8')).toBe(wholeKey);
    for (const table of TABLE_NAMES) {
      const ofTable = (lines: string[]): string[] => lines.filter((line) => line.startsWith(`${table},`));
      expect([1, 2, 3].flatMap((part) => ofTable(body(partText('defects.csv', part)))), table).toEqual(ofTable(body(wholeKey)));
    }
    // merge joins the parts' answer keys: the merged directory is the whole run's, file for file.
    const mergedDir = join(tempDir('dirty-merged'), 'merged');
    const merged = runCli(['merge', parts, '--output-dir', mergedDir, '-q']);
    expect(merged.status, merged.stderr).toBe(0);
    const wholeFiles = readdirSync(one).sort();
    expect(wholeFiles).toEqual(expect.arrayContaining(['defects.csv', 'manifest.json', 'orders.sample.json']));
    expect(readdirSync(mergedDir).sort()).toEqual(wholeFiles);
    for (const file of wholeFiles) expect(sha256Of(join(mergedDir, file)), file).toBe(sha256Of(join(one, file)));
    // validate scores the merged key as the whole run's, and reads the dirty parts as one dataset.
    const scoreOf = (dir: string, answerKey: string): { summary: { violations: number }; score: { kinds: { injected: number }[] } } => {
      const result = runCli(['validate', dir, '--answer-key', answerKey, '--format', 'json']);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as { summary: { violations: number }; answer_key: { kinds: { injected: number }[] } };
      return { summary: report.summary, score: report.answer_key };
    };
    const wholeScore = scoreOf(one, join(one, 'defects.csv'));
    expect(wholeScore.summary.violations).toBeGreaterThan(0);
    expect(wholeScore.score.kinds.reduce((sum, kind) => sum + kind.injected, 0)).toBeGreaterThan(0);
    expect(scoreOf(mergedDir, join(mergedDir, 'defects.csv'))).toEqual(wholeScore);
    expect(scoreOf(parts, join(mergedDir, 'defects.csv'))).toEqual(wholeScore);

    // A part's answer key that changed is refused in one line, and nothing merged is left behind.
    const broken = tempDir('dirty-broken');
    for (const name of readdirSync(parts)) copyFileSync(join(parts, name), join(broken, name));
    const partKey = join(broken, 'defects.part-002-of-003.csv');
    const partKeyText = readFileSync(partKey, 'utf8');
    expect(partKeyText).toMatch(/,missing_value,/);
    writeFileSync(partKey, partKeyText.replace(/,missing_value,/, ',mojibake,'));
    const refused = runCli(['merge', broken]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^ecomgen: defects\.part-002-of-003\.csv does not match the bytes and sha256 in its part manifest/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(broken).filter((name) => !name.includes('.part-'))).toEqual([]);
  });
});

const SEEN_BY_RULES = ['missing_value', 'orphan_reference', 'duplicate_row', 'duplicate_key', 'out_of_range', 'invalid_value', 'arithmetic_mismatch', 'time_order', 'future_timestamp', 'format_drift', 'mojibake'];

describe('validate scored against the answer key', () => {
  it('catches every defect of the kinds its rules see, explains every violation, and writes each violation', () => {
    const result = scoreDirty();
    const violationsFile = result.violationsFile;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      summary: { violations: number };
      answer_key: { kinds: { kind: string; injected: number; caught: number; recall: number | null; seenByRules: boolean; reason?: string }[]; unexplained: number };
    };
    expect(report.valid).toBe(false);
    const score = report.answer_key;
    for (const kind of SEEN_BY_RULES) {
      const entry = score.kinds.find((candidate) => candidate.kind === kind);
      expect(entry?.injected, kind).toBeGreaterThan(0);
      expect(entry?.recall, kind).toBe(1);
      expect(entry?.seenByRules, kind).toBe(true);
    }
    for (const entry of score.kinds.filter((candidate) => !candidate.seenByRules)) expect(entry.reason?.length ?? 0, entry.kind).toBeGreaterThan(40);
    expect(score.unexplained).toBe(0);
    const violations = parseCsv(readFileSync(violationsFile, 'utf8'));
    expect(violations[0]).toEqual(['rule', 'table', 'key', 'column', 'line', 'value']);
    expect(violations.length - 1).toBe(report.summary.violations);
    // Each missing value of the answer key is a COL-TYPE violation of its table, key and column.
    for (const line of key.filter((entry) => entry.kind === 'missing_value')) {
      expect(violations.some(([rule, table, at, column]) => rule === 'COL-TYPE' && table === line.table && at === line.key && column === line.column), `${line.table} ${line.key}`).toBe(true);
    }
  });

  it('prints the score per kind on a terminal report', () => {
    const result = runCli(['validate', dirty, '--answer-key', join(dirty, 'defects.csv')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}missing_value +\d+ +\d+ +100\.0%$/m);
    expect(result.stdout).toMatch(/^ {2}late_arriving .*not seen by rule: /m);
    expect(result.stdout).toMatch(/^violations no injected defect explains: 0$/m);
  });

  it('refuses a file that is not an answer key, naming the flag', () => {
    const result = runCli(['validate', dirty, '--answer-key', join(dirty, 'orders.csv')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ecomgen: --answer-key: .*orders\.csv is not an answer key/);
  });
});

describe('dirty data in every format', () => {
  it('jsonl with gzip: the same answer key as CSV, every line valid JSON, a drifted number a string', async () => {
    const out = tempDir('dirty-jsonl');
    await generate({ environment: 'dev', outputDir: out, samples: false, defects: 0.02, format: 'jsonl', compress: 'gzip', workers: 1 });
    expect(readFileSync(join(out, 'defects.csv'), 'utf8')).toBe(readFileSync(join(dirty, 'defects.csv'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { table: string; file: string; rows: number }[] };
    let drifted = 0;
    for (const file of manifest.files) {
      const lines = gunzipSync(readFileSync(join(out, file.file))).toString('utf8').trimEnd().split('\n');
      expect(lines, file.file).toHaveLength(file.rows);
      expect(lines.length).toBe(readTable(dirty, `${file.table}.csv`).rows.length);
      const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const primary = readTable(dirty, `${file.table}.csv`).header[0] as string;
      const byKey = new Map(rows.map((row) => [String(row[primary]), row]));
      for (const drift of key.filter((entry) => entry.table === file.table && entry.kind === 'format_drift' && entry.dirty.startsWith('$'))) {
        expect(byKey.get(drift.key)?.[drift.column], drift.key).toBe(drift.dirty);
        drifted++;
      }
    }
    expect(drifted).toBeGreaterThan(0);
    // Scored against its answer key, the jsonl dataset gets the CSV dataset's score: violations name
    // their table whatever the file's format.
    // (The CSV dataset's report is the one its own test above reads: --violations adds a file, not a figure.)
    const score = (result: { status: number | null; stderr: string; stdout: string }): unknown => {
      expect(result.status, result.stderr).toBe(0);
      const { kinds, unexplained } = (JSON.parse(result.stdout) as { answer_key: { kinds: { kind: string; caught: number }[]; unexplained: number } }).answer_key;
      return { caught: kinds.map(({ kind, caught }) => [kind, caught]), unexplained };
    };
    const jsonlScore = score(runCli(['validate', out, '--answer-key', join(out, 'defects.csv'), '--format', 'json'])) as { caught: [string, number][]; unexplained: number };
    expect(jsonlScore.unexplained).toBe(0);
    expect(jsonlScore.caught.find(([kind]) => kind === 'missing_value')?.[1]).toBeGreaterThan(0);
    expect(jsonlScore).toEqual(score(scoreDirty()));
  });

  it('parquet: typed columns hold the dirty rows; only text columns drift', async () => {
    const out = tempDir('dirty-parquet');
    await generate({ environment: 'dev', outputDir: out, samples: false, defects: 0.02, format: 'parquet', workers: 2 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { table: string; file: string; rows: number }[] };
    const parquetKey = answerKeyLines(parseCsv(readFileSync(join(out, 'defects.csv'), 'utf8')).slice(1));
    const textColumns = new Set(['phone', 'zip_code', 'shipping_zip']);
    const drifts = parquetKey.filter((line) => line.kind === 'format_drift');
    expect(drifts.length).toBeGreaterThan(0);
    for (const line of drifts) expect(textColumns.has(line.column), line.column).toBe(true);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const file of manifest.files) {
        const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(out, file.file)}')`);
        expect(reader.getRowObjects()[0]?.['n'], file.file).toBe(file.rows);
      }
      const missing = parquetKey.find((line) => line.table === 'customers' && line.kind === 'missing_value');
      if (!missing) throw new Error('no missing value in customers');
      const reader = await connection.runAndReadAll(`SELECT ${missing.column} AS v FROM read_parquet('${join(out, 'customers.parquet')}') WHERE customer_id = ${missing.key}`);
      expect(reader.getRowObjects()[0]?.['v']).toBeNull();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('loading dirty data with every key and check enforced', () => {
  it('loads into DuckDB when the kinds allow it', async () => {
    const config = join(tempDir('loadable'), 'loadable.yaml');
    writeFileSync(config, `rate: 0.02\nweights:\n${KINDS.map((kind) => `  ${kind}: ${LOADABLE.includes(kind) ? 1 : 0}`).join('\n')}\n`);
    const out = tempDir('dirty-loadable');
    await generate({ ...LOAD_COUNTS, outputDir: out, samples: false, defectsConfig: config });
    const kinds = new Set(parseCsv(readFileSync(join(out, 'defects.csv'), 'utf8')).slice(1).map((row) => row[3]));
    expect([...kinds].sort()).toEqual([...LOADABLE].sort());
    const file = join(tempDir('duck-dirty'), 'warehouse.duckdb');
    const loaded = runCli(['load', out, '--into', `duckdb:${file}`]);
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { table: string; rows: number }[] };
    for (const entry of manifest.files) expect(loaded.stdout).toContain(entry.rows.toLocaleString('en-US'));
  });

  // The load is under test: one case passes --defects-config to the CLI, the rest make their data in process.
  it.each(['missing_value', 'duplicate_key', 'orphan_reference', 'invalid_value', 'format_drift'])('a strict load refuses %s in one line naming the file, a row and the kind', async (kind) => {
    const config = join(tempDir('breaking'), 'breaking.yaml');
    writeFileSync(config, `rate: 0.02\nweights:\n${KINDS.map((name) => `  ${name}: ${name === kind ? 1 : 0}`).join('\n')}\n`);
    const out = tempDir(`dirty-${kind}`);
    if (kind === 'missing_value') {
      const generated = runCli(['generate', ...Object.entries(LOAD_COUNTS).flatMap(([option, value]) => [`--${option}`, String(value)]), '-o', out, '-q', '--no-samples', '--defects-config', config]);
      expect(generated.status, generated.stderr).toBe(0);
    } else {
      await generate({ ...LOAD_COUNTS, outputDir: out, samples: false, defectsConfig: config });
    }
    const loaded = runCli(['load', out, '--into', `duckdb:${join(tempDir('duck-refused'), 'w.duckdb')}`]);
    expect(loaded.status).not.toBe(0);
    const lines = loaded.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^ecomgen: .*; \\w+\\.csv is dirty data: defects\\.csv lists \\d+ .*defects? there, e\\.g\\. ${kind} at key \\d+`));
  });
});
