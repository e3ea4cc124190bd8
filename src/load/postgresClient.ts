import pg from 'pg';

const SSLMODE_WARNING = /The SSL modes 'prefer', 'require', and 'verify-ca'/;

/**
 * A pg client for `config`. pg answers `sslmode=prefer|require|verify-ca` in a URL with an 8-line process
 * warning (in pg 8 they mean verify-full); it parses the URL while constructing the client, so the
 * warning is caught here and handed to `onWarning` as one line. Other warnings pass through.
 */
export function newPostgresClient(config: pg.ClientConfig, onWarning: (message: string) => void): pg.Client {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (SSLMODE_WARNING.test(text)) {
      const sslmode = new URL(config.connectionString ?? 'postgres://localhost').searchParams.get('sslmode') ?? 'require';
      onWarning(`--into: sslmode=${sslmode} is taken as verify-full (the server's certificate is checked); add uselibpqcompat=true for libpq's meaning`);
    } else {
      (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
    }
  }) as typeof process.emitWarning;
  try {
    return new pg.Client(config);
  } finally {
    process.emitWarning = emitWarning;
  }
}
