import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO_ROOT, 'dist/src/cli/main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would, in a child process. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One pino JSON line from the CLI's stderr (stderr is not a TTY in tests, so logs are JSON lines). */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg: string };

interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** All of stderr, read to the end. */
  readonly stderr: string;
}

/** The CLI running in the background, for tests that must act while it runs (signals). */
export interface RunningCli {
  readonly child: ChildProcess;
  /**
   * Resolves with the first log line with this `msg` (e.g. 'generating', 'table written'), so a test acts on
   * what the process reports, not after a guessed delay. Rejects if the process ends without logging it.
   */
  logLine(msg: string): Promise<LogLine>;
  /** Resolves when the process has exited and its stderr is closed. */
  readonly exited: Promise<CliExit>;
}

function asLogLine(line: string): LogLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && typeof (value as { msg?: unknown }).msg === 'string' ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

/** Lines of stderr that are pino JSON log lines, and the rest (the CLI's own one-line messages). */
export function splitStderr(stderr: string): { logs: LogLine[]; other: string[] } {
  const logs: LogLine[] = [];
  const other: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line === '') continue;
    const log = asLogLine(line);
    if (log) logs.push(log);
    else other.push(line);
  }
  return { logs, other };
}

/** Starts the built CLI without waiting for it; stdout is ignored, stderr is read line by line. */
export function startCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let pending = '';
  const seen: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];
  const stderrDone = new Promise<void>((resolve) => child.stderr?.on('end', resolve));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const log = asLogLine(line);
      if (!log) continue;
      seen.push(log);
      for (const waiter of waiters.filter((candidate) => candidate.msg === log.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(log);
      }
    }
  });
  const exited = Promise.all([new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal]))), stderrDone]).then(
    ([[code, signal]]) => ({ code, signal, stderr }),
  );
  return {
    child,
    exited,
    logLine(msg: string): Promise<LogLine> {
      const already = seen.find((line) => line.msg === msg);
      if (already) return Promise.resolve(already);
      return new Promise<LogLine>((resolve, reject) => {
        waiters.push({ msg, resolve });
        void exited.then((exit) => reject(new Error(`the CLI exited (code ${exit.code}, signal ${exit.signal}) without logging "${msg}"; stderr:\n${exit.stderr}`)));
      });
    },
  };
}

const madeDirs = new Set<string>();

/** A fresh directory under the OS temp dir, removed after the test file (test/helpers/cleanup.ts) or by removeTempDir. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ecomgen-${prefix}-`));
  madeDirs.add(dir);
  return dir;
}

/** Removes one directory tempDir made, now (for big datasets a test is done with). */
export function removeTempDir(dir: string): void {
  madeDirs.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    console.warn(`could not remove ${dir}: ${(error as Error).message}`);
  }
}

/**
 * Removes every directory tempDir made in this test file. Without it each `npm test` left ~1 GB behind
 * (prod datasets among them), and repeated runs filled the disk.
 */
export function removeTempDirs(): void {
  for (const dir of [...madeDirs]) removeTempDir(dir);
}
