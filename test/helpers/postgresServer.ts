// A throwaway PostgreSQL server on loopback, in a temporary data directory, for tests that load into a
// real server. Skipped (with the reason) where no server binaries exist.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { removeTempDir, tempDir } from './run.js';

function findPostgresBin(): string | undefined {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  for (const bin of debian) if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  const which = (name: string): string => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const pgCtl = which('pg_ctl');
  return pgCtl && which('initdb') ? join(pgCtl, '..') : undefined;
}

/** PostgreSQL refuses to run as root: as root, run its tools as the postgres user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  return Number.isInteger(uid) && uid > 0 ? { uid, gid: id('-g') } : undefined;
}

const POSTGRES_BIN = findPostgresBin();
const RUN_AS = postgresUser();

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export const POSTGRES_SKIP = !POSTGRES_BIN
  ? 'no PostgreSQL server binaries (pg_ctl, initdb) on PATH or in /usr/lib/postgresql/*/bin'
  : process.getuid?.() === 0 && !RUN_AS
    ? 'running as root and there is no postgres user to run the server as'
    : undefined;

function pgTool(tool: string, args: readonly string[]): void {
  const command = join(POSTGRES_BIN as string, tool);
  const result = RUN_AS
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout || result.error?.message}`);
}

/** A loopback port nothing listens on (just now). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  readonly url: string;
  stop(): void;
}

/**
 * initdb + pg_ctl start on a free loopback port, no fsync: a scratch server for one test file. Everyone
 * is trusted; `hbaFirst` lines go before the trust lines of pg_hba.conf (e.g. a role that needs a password).
 */
export async function startPostgres(label: string, hbaFirst = ''): Promise<PostgresServer> {
  const base = tempDir(label);
  if (RUN_AS) chownSync(base, RUN_AS.uid, RUN_AS.gid);
  const data = join(base, 'data');
  pgTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const hba = join(data, 'pg_hba.conf');
  if (hbaFirst !== '') writeFileSync(hba, `${hbaFirst}${readFileSync(hba, 'utf8')}`);
  const port = await freePort();
  pgTool('pg_ctl', ['-D', data, '-l', join(base, 'server.log'), '-w', '-t', '60', 'start', '-o', `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop(): void {
      try {
        if (existsSync(join(data, 'postmaster.pid'))) pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        removeTempDir(base);
      }
    },
  };
}
