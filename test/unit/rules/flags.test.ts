// Input rules of the command line, checked in process: the parser of count flags and of `load --into`.
// Options that parse but do not make a run are in test/unit/plan/resolveOptions.test.ts. The CLI's way of
// reporting all of them (one line, exit 2, nothing written) is checked once per class in
// test/e2e/cli.test.ts (generate) and test/e2e/load.test.ts (load --into).
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { parseCount, parseTables } from '../../../src/cli/parseFlags.js';
import { UsageError } from '../../../src/errors.js';
import { parseLoadTarget } from '../../../src/load/loadTarget.js';

describe('count flags (--customers, --seed, ...)', () => {
  it('take whole numbers, with _ or , as separators', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount('12345')).toBe(12345);
    expect(parseCount('1_000')).toBe(1000);
    expect(parseCount('1,000,000')).toBe(1_000_000);
  });

  it.each(['abc', '1.5', '-5', '', '1e3', 'x'])('refuse %j', (text) => {
    expect(() => parseCount(text)).toThrow(InvalidArgumentError);
    expect(() => parseCount(text)).toThrow(/whole number/);
  });

  it('refuse a number beyond the safe integers', () => {
    expect(() => parseCount('99999999999999999999')).toThrow(/too large/);
  });

  it('split --tables on commas, ignoring blanks', () => {
    expect(parseTables('customers, orders,,')).toEqual(['customers', 'orders']);
  });
});

describe('load --into', () => {
  it('takes a DuckDB file or a PostgreSQL URL, masking a password for display', () => {
    expect(parseLoadTarget('duckdb:w.duckdb')).toMatchObject({ kind: 'duckdb', display: 'duckdb:w.duckdb' });
    expect(parseLoadTarget('postgresql://shop:secret@db.example:5432/dw')).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgresql://shop:secret@db.example:5432/dw',
      display: 'postgresql://shop:***@db.example:5432/dw',
    });
  });

  it.each([
    ['mysql://localhost/shop', /^--into: unknown target "mysql:\/\/localhost\/shop"/],
    ['duckdb:', /^--into: "duckdb:" names no database file/],
    ['duckdb::memory:', /^--into: "duckdb::memory:" names no database file/],
    ['postgres:///db', /^--into: postgres:\/\/\/db names no host/],
    ['postgres://u:pw@:5432/db', /^--into: "postgres:\/\/u:\*\*\*@:5432\/db" is not a valid URL/],
  ])('refuses %j', (text, pattern) => {
    expect(() => parseLoadTarget(text)).toThrow(UsageError);
    expect(() => parseLoadTarget(text)).toThrow(pattern);
  });
});
