// `--into duckdb:<path>` is checked before DuckDB opens it: DuckDB opens a file that is not one of its
// databases as an empty in-memory database, and a load into it saved nothing while reporting success.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../../../src/errors.js';
import { checkDuckdbTarget } from '../../../src/load/duckdbTargetFile.js';
import { removeTempDir, tempDir } from '../../helpers/run.js';

const dir = tempDir('duckdb-target');
afterAll(() => removeTempDir(dir));

const file = (name: string, bytes: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('checkDuckdbTarget', () => {
  it('accepts a database DuckDB wrote here, whose header has "DUCK" at byte 8', async () => {
    const path = join(dir, 'real.duckdb');
    const instance = await DuckDBInstance.create(path);
    instance.closeSync();
    expect(readFileSync(path).subarray(8, 12).toString('latin1')).toBe('DUCK');
    await expect(checkDuckdbTarget(path, 'duckdb:real.duckdb')).resolves.toBe('existing');
  });

  it('accepts a new path in an existing directory, and refuses one whose directory is missing', async () => {
    await expect(checkDuckdbTarget(join(dir, 'new.json'), 'duckdb:new.json')).resolves.toBe('new');
    await expect(checkDuckdbTarget(join(dir, 'no', 'such', 'w.duckdb'), 'duckdb:no/such/w.duckdb')).rejects.toThrow(/^--into: the directory of duckdb:no\/such\/w\.duckdb does not exist$/);
  });

  it.each<[string, string | Buffer]>([
    ['data.json', '{"customers": []}\n'],
    ['data.csv', 'a,b\n1,2\n'],
    ['empty.duckdb', ''],
    ['short.duckdb', '\0\0\0\0\0\0\0\0DUC'],
    ['shifted.duckdb', Buffer.concat([Buffer.alloc(9), Buffer.from('DUCK')])],
  ])('refuses %s, an existing file that is not a DuckDB database, on one line naming --into', async (name, bytes) => {
    const path = file(name, bytes);
    const check = checkDuckdbTarget(path, `duckdb:${name}`);
    await expect(check).rejects.toThrow(UsageError);
    await expect(checkDuckdbTarget(path, `duckdb:${name}`)).rejects.toThrow(new RegExp(`^--into: duckdb:${name.replace('.', '\\.')} is not a DuckDB database file;[^\\n]*$`));
    expect(readFileSync(path)).toEqual(Buffer.from(bytes));
  });

  it('takes the magic alone as a DuckDB header (a 12-byte file passes; DuckDB itself judges the rest)', async () => {
    await expect(checkDuckdbTarget(file('magic.duckdb', Buffer.concat([Buffer.alloc(8), Buffer.from('DUCK')])), 'duckdb:magic.duckdb')).resolves.toBe('existing');
  });

  it('refuses a directory', async () => {
    mkdirSync(join(dir, 'adir'));
    await expect(checkDuckdbTarget(join(dir, 'adir'), 'duckdb:adir')).rejects.toThrow(/^--into: duckdb:adir is not a DuckDB database \(it is a directory/);
  });
});
