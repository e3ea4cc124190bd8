import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

export type LoadTarget =
  | { readonly kind: 'duckdb'; readonly path: string; readonly display: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly display: string };

const USAGE = 'expected duckdb:<file> or postgres://user@host:port/database';

/** The target as shown in messages: a password in the URL is masked. */
function redact(url: URL): string {
  if (url.password === '') return url.toString();
  const masked = new URL(url.toString());
  masked.password = '***';
  return masked.toString();
}

/** Parses `--into`: `duckdb:<file>` (embedded) or a `postgres://` / `postgresql://` URL. */
export function parseLoadTarget(text: string): LoadTarget {
  if (text.startsWith('duckdb:')) {
    const file = text.slice('duckdb:'.length);
    if (file === '' || file === ':memory:') throw new UsageError(`--into: ${JSON.stringify(text)} names no database file (${USAGE})`);
    return { kind: 'duckdb', path: resolve(file), display: text };
  }
  if (/^postgres(?:ql)?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`--into: ${JSON.stringify(text)} is not a valid URL (${USAGE})`);
    }
    if (url.hostname === '' && !url.searchParams.has('host')) throw new UsageError(`--into: ${redact(url)} names no host (${USAGE})`);
    return { kind: 'postgres', connectionString: text, display: redact(url) };
  }
  throw new UsageError(`--into: unknown target ${JSON.stringify(text)} (${USAGE})`);
}
