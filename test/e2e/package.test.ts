// The npm tarball as a user gets it: its file list (LICENSE, the build without source maps or build
// state, no install-time scripts), then installed into an empty app without the optional DuckDB, where
// the CLI generates and validates a dataset (Parquet too), a DuckDB load says what it needs, the library imports from
// an .mjs file, and its types check without @types/node (no dependency installs one).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Packed {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

/** The installed package's bin, run as the shell would (npx, whose own start-up costs more, is tried once below). */
function ecomgen(args: readonly string[], cwd: string): Run {
  return run(join(app, 'node_modules/.bin/ecomgen'), args, cwd);
}

let packDir = '';
let packed: Packed;
let app = '';

beforeAll(() => {
  packDir = tempDir('pack');
  // The e2e tier runs on a fresh build; packing without scripts keeps the build other test files use.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO_ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as Packed[])[0] as Packed;
  app = join(tempDir('pack-app'), 'app');
  run('mkdir', ['-p', app], packDir);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const install = run('npm', ['install', join(packDir, packed.filename), '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline'], app);
  expect(install.status, install.stderr).toBe(0);
});

describe('the npm tarball', () => {
  it('holds the build, config, schemas, README and LICENSE, and no source maps, sources, tests or build state', () => {
    const paths = packed.files.map((file) => file.path);
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'dist/workers/generateShard.js', 'dist/data/us-zip-codes.json', 'dist/data/config.parsed.json', 'config/config.yaml', 'schemas/orders.json', 'schemas/VERSION']) {
      expect(paths, needed).toContain(needed);
    }
    expect(paths.filter((path) => /\.map$|\.tsbuildinfo$|^src\/|^test\/|^bench\/|^dist\/scripts\//.test(path))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/ecomgen/package.json'), 'utf8')) as { scripts: Record<string, string>; license: string; optionalDependencies: Record<string, string>; dependencies: Record<string, string> };
    // Nothing runs when a user installs it (npm warns about install scripts).
    expect(Object.keys(manifest.scripts).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name))).toEqual([]);
    expect(readFileSync(join(app, 'node_modules/ecomgen/LICENSE'), 'utf8')).toMatch(new RegExp(`^${manifest.license} License`));
    expect(Object.keys(manifest.optionalDependencies)).toEqual(['@duckdb/node-api']);
    expect(Object.keys(manifest.dependencies)).not.toContain('csv-stringify');
  });

  it('installs without DuckDB; the CLI generates and validates a dataset', () => {
    expect(existsSync(join(app, 'node_modules/@duckdb'))).toBe(false);
    // A dev-shaped run cut to 500 orders: what is proved is the installed CLI, not the preset's size.
    const generated = run('npx', ['--no-install', 'ecomgen', 'generate', '-e', 'dev', '--customers', '200', '--products', '60', '--orders', '500', '-o', 'dev', '-q', '--format', 'jsonl'], app);
    expect(generated.status, generated.stderr).toBe(0);
    expect(readdirSync(join(app, 'dev'))).toContain('web_events.jsonl');
    const validated = ecomgen(['validate', 'dev'], app);
    expect(validated.status, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/^valid: 0 rules failed/m);
  });

  it('writes Parquet without DuckDB; a DuckDB load without it is a one-line error naming what needs it and how to install it', () => {
    const parquet = ecomgen(['generate', '--customers', '200', '--products', '60', '--orders', '500', '--format', 'parquet', '-o', 'pq', '-q'], app);
    expect(parquet.status, parquet.stderr).toBe(0);
    expect(readdirSync(join(app, 'pq')).filter((name) => name.endsWith('.parquet')).sort()).toEqual(['customers.parquet', 'order_items.parquet', 'orders.parquet', 'products.parquet', 'web_events.parquet']);
    const validatedParquet = ecomgen(['validate', 'pq'], app);
    expect(validatedParquet.status, validatedParquet.stdout + validatedParquet.stderr).toBe(0);
    expect(validatedParquet.stdout).toMatch(/^valid: 0 rules failed/m);
    const csv = ecomgen(['generate', '--customers', '50', '--products', '20', '--orders', '100', '-o', 'small', '-q'], app);
    expect(csv.status, csv.stderr).toBe(0);
    const load = ecomgen(['load', 'small', '--into', 'duckdb:shop.duckdb'], app);
    expect(load.status).toBe(2);
    expect(load.stderr).toBe('ecomgen: load --into duckdb:shop.duckdb needs DuckDB, an optional dependency that is not installed: run npm install @duckdb/node-api@1.5.6-r.1\n');
    expect(existsSync(join(app, 'shop.duckdb'))).toBe(false);
  });

  it('validates and profiles a Parquet dataset without DuckDB (reading needs only the pure-JavaScript reader)', () => {
    // Written by the clone's build, which has DuckDB; read by the installed package, which has not.
    const made = runCli(['generate', '--customers', '200', '--products', '60', '--orders', '500', '--format', 'parquet', '-w', '1', '--no-samples', '-q', '-o', join(app, 'pq-made')]);
    expect(made.status, made.stderr).toBe(0);
    const validated = ecomgen(['validate', 'pq-made'], app);
    expect(validated.status, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(/orders\.parquet/);
    const profiled = ecomgen(['profile', 'pq-made', '--format', 'json'], app);
    expect(profiled.status, profiled.stderr).toBe(0);
    expect((JSON.parse(profiled.stdout) as { orders: { rows: number } }).orders.rows).toBe(500);
  });

  it('the library imports from an .mjs file and generates a dataset that validates', () => {
    writeFileSync(
      join(app, 'use.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'node:path';",
        "import { generate, validateDataset, TABLE_NAMES } from 'ecomgen';",
        "const result = await generate({ customers: 200, products: 60, orders: 500, outputDir: 'lib', workers: 1, samples: false });",
        'const report = await validateDataset(result.outputDir);',
        "const lines = result.manifest.files.map((file) => readFileSync(join(result.outputDir, file.file), 'utf8').split('\\n').length - 2);",
        'console.log(JSON.stringify({ tables: TABLE_NAMES, rows: result.manifest.files.map((file) => file.rows), lines, valid: report.valid }));',
      ].join('\n'),
    );
    const used = run(process.execPath, ['use.mjs'], app);
    expect(used.status, used.stderr).toBe(0);
    const out = JSON.parse(used.stdout) as { tables: string[]; rows: number[]; lines: number[]; valid: boolean };
    expect(out.tables).toEqual(['customers', 'products', 'orders', 'order_items', 'web_events']);
    // The manifest's rows are the files' rows; a few accounts are erased before the window's end.
    expect(out.rows).toEqual(out.lines);
    expect(out.rows.slice(1, 3)).toEqual([60, 500]);
    expect(out.rows[0]).toBeGreaterThan(190);
    expect(out.rows[0]).toBeLessThanOrEqual(200);
    expect(out.valid).toBe(true);
  });

  it('its types check in a consumer without @types/node; only pino\'s own types ask for it when libraries are checked too', () => {
    writeFileSync(
      join(app, 'check.ts'),
      [
        "import { generate, validateDataset, type GenerateOptions, type ValidationReport } from 'ecomgen';",
        "const options: GenerateOptions = { customers: 10, outputDir: 'x', format: 'jsonl' };",
        'const result = await generate(options);',
        'const report: ValidationReport = await validateDataset(result.outputDir);',
        'export const valid: boolean = report.valid;',
      ].join('\n'),
    );
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const check = (skipLibCheck: boolean): Run => {
      // types: [] keeps out any @types package, as in an app that has none.
      const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [], skipLibCheck };
      writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
      return run(process.execPath, [tsc, '-p', '.'], app);
    };
    const checked = check(true);
    expect(checked.status, checked.stdout).toBe(0);
    const strict = check(false);
    const erring = [...new Set(strict.stdout.split('\n').filter(Boolean).map((line) => line.split('(')[0] ?? ''))];
    // No runtime dependency brings @types/node into the app, so pino's types miss it.
    expect(existsSync(join(app, 'node_modules/@types/node'))).toBe(false);
    expect(erring.length).toBeGreaterThan(0);
    expect(erring.filter((file) => !/^node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream)\//.test(file))).toEqual([]);
  });
});
