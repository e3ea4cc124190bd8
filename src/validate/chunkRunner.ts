// Where a validation run's tasks (chunkScan) run: in this thread one after another, or on a pool of
// worker threads (chunkPool). Either way the results come back in task order, so the coordinator joins
// them as one pass over the file would have met the rows.
import type { SchemaSet } from '../schema/schemaTypes.js';
import { scanChunk, type ChunkResult, type ChunkTask } from './chunkScan.js';

export interface ChunkRunner {
  /** Puts a facts array where the tasks can read it (shared memory for workers; as is in-process). */
  share<T extends Int32Array | Float64Array>(array: T): T;
  /**
   * Runs the tasks and hands their results to `consume` in task order (a whole-input task's in pieces),
   * with a bounded number at once; `consume` returning false stops the run.
   */
  run(tasks: readonly ChunkTask[], consume: (result: ChunkResult) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** Runs each task in this thread, in turn. */
export function inProcessRunner(schemas: SchemaSet): ChunkRunner {
  return {
    share: (array) => array,
    async run(tasks, consume) {
      for (const task of tasks) {
        // A range is handed on whole: a range cut inside a quoted field is read again, and its rows
        // must not have been joined before that is known.
        const result = await scanChunk(task, schemas, task.source.kind === 'input' ? (piece) => void consume(piece) : undefined);
        if (!consume(result)) return;
      }
    },
    close: () => Promise.resolve(),
  };
}
