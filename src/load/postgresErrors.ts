import pg from 'pg';
import { RuntimeFailure, UsageError } from '../errors.js';
import { redactSecrets } from './connectionSecrets.js';

/** What messages about one connection need: how to name it, what never to show, the --timeout in force. */
export interface ConnectionFacts {
  /** The URL with secrets masked. */
  readonly display: string;
  readonly secrets: readonly string[];
  /** Milliseconds to wait for the connection, the first queries and a lock; 0 waits forever. */
  readonly timeoutMs: number;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const seconds = (ms: number): string => `${ms / 1000} s`;

// pg's words when no password was given and the server asks for one (SCRAM; a password callback).
const NO_PASSWORD = /client password must be a string|password must be a string/i;
// pg destroys the socket with this when connectionTimeoutMillis passes.
const CONNECT_TIMEOUT = /^timeout expired$|connection timeout/i;
// pg's own timer for a query (query_timeout).
const QUERY_TIMEOUT = /^Query read timeout$/;
const LOCK_NOT_AVAILABLE = '55P03';

/** A failure to connect, on one line with no secret in it. */
export function connectFailure(error: unknown, facts: ConnectionFacts): Error {
  const message = oneLine(messageOf(error));
  if (NO_PASSWORD.test(message)) return new UsageError('--into: the server asks for a password; give it in the URL or PGPASSWORD');
  if (CONNECT_TIMEOUT.test(message)) {
    return new RuntimeFailure(`cannot connect to ${facts.display}: no answer from the server within ${seconds(facts.timeoutMs)} (--timeout)`);
  }
  return new RuntimeFailure(`cannot connect to ${facts.display}: ${redactSecrets(message, facts.secrets)}`);
}

/**
 * Turns a PostgreSQL error into our error kinds: bad data (SQLSTATE class 22, data exception, or 23,
 * integrity violation) is the input's fault (exit 2); anything else is a runtime failure (exit 1).
 */
export function postgresFailure(error: unknown, doing: string, facts: ConnectionFacts): Error {
  // Only the driver's and server's words are searched: ours (the masked URL, what was being done) hold no secret.
  const safe = (text: string): string => redactSecrets(text, facts.secrets);
  if (error instanceof pg.DatabaseError) {
    const detail = error.detail ? ` (${oneLine(error.detail)})` : '';
    const where = error.where ? `; ${oneLine(error.where)}` : '';
    if (error.code === LOCK_NOT_AVAILABLE) {
      return new RuntimeFailure(`${doing}: another session held a lock for more than ${seconds(facts.timeoutMs)} (--timeout): ${safe(oneLine(error.message))}`);
    }
    const message = `${doing}: ${safe(`${oneLine(error.message)}${detail}${where}`)}`;
    return error.code?.startsWith('22') || error.code?.startsWith('23') ? new UsageError(message) : new RuntimeFailure(message);
  }
  const message = oneLine(messageOf(error));
  if (QUERY_TIMEOUT.test(message)) return new RuntimeFailure(`${doing}: no answer from ${facts.display} within ${seconds(facts.timeoutMs)} (--timeout)`);
  return new RuntimeFailure(`${doing}: ${safe(message)}`);
}
