// One whole-process run of a node script, timed from spawn to exit, with the peak RSS and CPU time that
// bench/reportRss.mjs reports from inside the child.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const reporter = join(import.meta.dirname, '..', 'reportRss.mjs');
const TAG = '@@bench ';

/**
 * @param {string[]} args script and its arguments, run by this node binary
 * @returns {{ seconds: number, rssMb: number, cpuSeconds: number, threads?: { mainS: number, workersS: number, workerCount: number }, stdout: string, stderr: string }}
 */
export function runProcess(args) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', reporter, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    const why = child.error?.message ?? child.stderr.trim().split('\n').slice(-5).join('\n');
    throw new Error(`node ${args.join(' ')} exited with ${child.status ?? child.signal}: ${why}`);
  }
  const tag = child.stderr.split('\n').find((line) => line.startsWith(TAG));
  if (!tag) throw new Error(`node ${args.join(' ')}: no resource report on stderr`);
  const usage = JSON.parse(tag.slice(TAG.length));
  return {
    seconds,
    rssMb: usage.maxRssKb / 1024,
    cpuSeconds: (usage.userUs + usage.systemUs) / 1e6,
    threads: usage.threads,
    stdout: child.stdout,
    stderr: child.stderr,
  };
}
