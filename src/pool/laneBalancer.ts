// Task affinity for the shard pool: tasks of one lane always run on the same worker thread, so state a
// worker builds for that lane's tasks (a change stream's order window, say) is built once, not once per
// thread. Piscina takes a load balancer (a function from a task and the workers to the worker to post it
// to, or null to keep it queued); this one posts a task without a lane to an idle worker, one task per worker
// (piscina's default with one concurrent task per worker, which the pool uses), and a laned task to its lane's worker.
import { Piscina } from 'piscina';

/** Where a task's lane travels to the balancer: a symbol key, which structured cloning leaves behind. */
const LANE = Piscina.queueOptionsSymbol;

interface LaneOptions {
  readonly lane: number;
}

/** The task, marked with its lane (a copy; the task itself is not changed). */
export function withLane<Task>(task: Task, lane: number): Task {
  return { ...task, [LANE]: { lane } satisfies LaneOptions };
}

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
type BalancedTask = Parameters<LoadBalancer>[0];
type BalancedWorker = Parameters<LoadBalancer>[1][number];

/** The lane piscina's task view carries (its queue options are the task's own symbol-keyed property). */
function laneOf(task: BalancedTask): number | undefined {
  return ((task as unknown as Record<symbol, unknown>)[LANE] as LaneOptions | null | undefined)?.lane;
}

/**
 * One task per thread, as piscina's default: an idle worker, or none (the task waits in the queue). A
 * task with a lane goes to its lane's worker, queued behind what that worker is running rather than
 * waiting for it to be idle. Lanes take workers in order of first use, a worker of its own each while
 * there are workers free of lanes, the least busy first; until the pool holds all `threads` workers
 * (started or starting) a laned task waits, so that a lane does not land on a worker only because it was
 * created first. A lane's worker takes no unlaned task until its queue drains: with 2 workers and 2 lanes,
 * the insert-only tables' tasks run when a lane's worker is idle.
 */
export function laneBalancer(threads: number): LoadBalancer {
  const owners = new Map<number, number>();
  return (task: BalancedTask, workers: BalancedWorker[]): BalancedWorker | null => {
    const lane = laneOf(task);
    if (lane === undefined) return workers.find((worker) => worker.currentUsage === 0 && !worker.isRunningAbortableTask) ?? null;
    const live = workers.filter((worker) => !worker.terminating && !worker.destroyed);
    const owner = live.find((worker) => worker.id === owners.get(lane));
    if (owner) return owner;
    if (live.length < threads) return null;
    const taken = new Set(owners.values());
    const free = live.filter((worker) => !taken.has(worker.id));
    const chosen = (free.length > 0 ? free : live).reduce((best, worker) => (worker.currentUsage < best.currentUsage ? worker : best));
    owners.set(lane, chosen.id);
    return chosen;
  };
}
