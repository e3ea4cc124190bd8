// Loaded with `node --import` into a measured child (and, through the inherited execArgv, into its
// worker threads). On exit the main thread reports on stderr, as one JSON line tagged for the bench:
// the whole process's peak RSS and CPU time (main thread, worker threads and native threads share one
// process), and how that CPU time splits between the main thread, the worker threads and the rest
// (V8's GC and compiler helper threads, libuv's I/O threads doing the file writes).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

const CHANNEL = 'ecomgen-bench-threads';
// /proc's per-thread times are in clock ticks: USER_HZ, 100 per second on Linux.
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 50;

const ownTid = () => Number(readlinkSync('/proc/thread-self').split('/').pop());

/** utime + stime of one thread in ticks, or undefined once it has ended (or off Linux). */
function threadTicks(tid) {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

if (!isMainThread) {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(ownTid());
    channel.close();
  } catch {
    // Not on Linux: the split is left out.
  }
} else {
  const workerTids = new Set();
  const lastTicks = new Map();
  let mainTid;
  try {
    mainTid = ownTid();
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event) => workerTids.add(event.data);
    channel.unref();
  } catch {
    mainTid = undefined;
  }
  // Worker threads end before the process does, taking their /proc entries with them, so each
  // thread's last sampled time stands for its total (they are idle in their last moments anyway).
  const sample = () => {
    if (mainTid === undefined) return;
    for (const name of readdirSync('/proc/self/task')) {
      const ticks = threadTicks(Number(name));
      if (ticks !== undefined) lastTicks.set(Number(name), ticks);
    }
  };
  setInterval(sample, SAMPLE_MS).unref();

  process.on('exit', () => {
    sample();
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    const report = { maxRssKb: maxRSS, userUs: userCPUTime, systemUs: systemCPUTime };
    if (mainTid !== undefined && lastTicks.size > 0) {
      let workerTicks = 0;
      for (const tid of workerTids) workerTicks += lastTicks.get(tid) ?? 0;
      report.threads = {
        mainS: (lastTicks.get(mainTid) ?? 0) / TICKS_PER_SECOND,
        workersS: workerTicks / TICKS_PER_SECOND,
        workerCount: workerTids.size,
      };
    }
    process.stderr.write(`\n@@bench ${JSON.stringify(report)}\n`);
  });
}
