import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { redactUrl, redactUrlText, urlSecrets } from './connectionSecrets.js';

export type LoadTarget =
  | { readonly kind: 'duckdb'; readonly path: string; readonly display: string }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** The URL with its password and secret parameters masked. */
      readonly display: string;
      /** Values no message may repeat (password, sslpassword, sslkey). */
      readonly secrets: readonly string[];
    };

const USAGE = 'expected duckdb:<file> or postgres://user@host:port/database';

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
      throw new UsageError(`--into: ${JSON.stringify(redactUrlText(text))} is not a valid URL (${USAGE})`);
    }
    if (url.hostname === '' && !url.searchParams.has('host')) throw new UsageError(`--into: ${redactUrl(url)} names no host (${USAGE})`);
    return { kind: 'postgres', connectionString: text, display: redactUrl(url), secrets: urlSecrets(url) };
  }
  throw new UsageError(`--into: unknown target ${JSON.stringify(redactUrlText(text))} (${USAGE})`);
}
