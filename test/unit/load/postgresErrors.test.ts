// How PostgreSQL and pg failures become one-line messages with the right exit class, no secret in them.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { RuntimeFailure, UsageError } from '../../../src/errors.js';
import { newPostgresClient } from '../../../src/load/postgresClient.js';
import { connectFailure, postgresFailure, type ConnectionFacts } from '../../../src/load/postgresErrors.js';

const FACTS: ConnectionFacts = { display: 'postgres://shop:***@db:5432/dw?sslpassword=***', secrets: ['hunter2', '/keys/shop.pem'], timeoutMs: 2000 };

function databaseError(message: string, code: string, fields: { detail?: string; where?: string } = {}): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  if (fields.detail !== undefined) error.detail = fields.detail;
  if (fields.where !== undefined) error.where = fields.where;
  return error;
}

describe('connectFailure', () => {
  it('turns a missing password (SCRAM) into one usage line naming --into', () => {
    const failure = connectFailure(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), FACTS);
    expect(failure).toBeInstanceOf(UsageError);
    expect(failure.message).toBe('--into: the server asks for a password; give it in the URL or PGPASSWORD');
    expect(connectFailure(new TypeError('Password must be a string'), FACTS).message).toBe(failure.message);
  });

  it('names the timeout when the server never answers', () => {
    const failure = connectFailure(new Error('timeout expired'), FACTS);
    expect(failure).toBeInstanceOf(RuntimeFailure);
    expect(failure.message).toBe('cannot connect to postgres://shop:***@db:5432/dw?sslpassword=***: no answer from the server within 2 s (--timeout)');
  });

  it('masks secrets the driver repeats, on one line', () => {
    const failure = connectFailure(new Error("ENOENT: no such file or directory,\n open '/keys/shop.pem'"), FACTS);
    expect(failure).toBeInstanceOf(RuntimeFailure);
    expect(failure.message).toBe("cannot connect to postgres://shop:***@db:5432/dw?sslpassword=***: ENOENT: no such file or directory, open '***'");
    expect(connectFailure(new Error('password "hunter2" rejected'), FACTS).message).not.toContain('hunter2');
  });
});

describe('postgresFailure', () => {
  it('bad data is a usage error, other server errors runtime failures, secrets masked in both', () => {
    const bad = postgresFailure(databaseError('insert violates foreign key constraint', '23503', { detail: 'Key (x)=(hunter2) is not present' }), 'adding constraint fk', FACTS);
    expect(bad).toBeInstanceOf(UsageError);
    expect(bad.message).toBe('adding constraint fk: insert violates foreign key constraint (Key (x)=(***) is not present)');
    const other = postgresFailure(databaseError('permission denied for schema hunter2', '42501'), 'creating the schema', FACTS);
    expect(other).toBeInstanceOf(RuntimeFailure);
    expect(other.message).toBe('creating the schema: permission denied for schema ***');
  });

  it('names --timeout for a lock held too long and for a query that is not answered', () => {
    const lock = postgresFailure(databaseError('canceling statement due to lock timeout', '55P03'), 'dropping the old tables', FACTS);
    expect(lock).toBeInstanceOf(RuntimeFailure);
    expect(lock.message).toBe('dropping the old tables: another session held a lock for more than 2 s (--timeout): canceling statement due to lock timeout');
    const query = postgresFailure(new Error('Query read timeout'), 'looking for existing tables', FACTS);
    expect(query.message).toBe('looking for existing tables: no answer from postgres://shop:***@db:5432/dw?sslpassword=*** within 2 s (--timeout)');
  });
});

describe('newPostgresClient', () => {
  it("turns pg's 8-line sslmode warning into one line and emits no process warning", async () => {
    const warnings: string[] = [];
    const emitted: unknown[] = [];
    const onProcessWarning = (warning: unknown): void => void emitted.push(warning);
    process.on('warning', onProcessWarning);
    try {
      newPostgresClient({ connectionString: 'postgres://u@127.0.0.1:1/db?sslmode=require' }, (message) => warnings.push(message));
      // Process warnings are emitted on a later tick.
      await new Promise((next) => setImmediate(next));
    } finally {
      process.off('warning', onProcessWarning);
    }
    // pg warns once per process; no other unit test makes a client with sslmode.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^--into: sslmode=require is taken as verify-full[^\n]*$/);
    expect(emitted).toEqual([]);
  });
});
