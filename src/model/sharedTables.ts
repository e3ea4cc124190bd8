import type { TableName } from '../schema/tableNames.js';
import type { ProductFactArrays } from './productFacts.js';
import type { TimelineArrays } from './timelineTable.js';
import type { World } from './world.js';
import { adoptSessionEnds } from './tables/webEvents/sessionEnds.js';

/**
 * The World's tables that every worker would otherwise build alike: products' facts (a dense catalog's
 * only) and the registration and launch tables, built once by one worker into shared memory and read by
 * every other (one copy in the process instead of one per worker, and one worker pays the fill). The
 * coordinator only passes them on: building them there grew its heap by ~7 MB for prod.
 */
export interface SharedTables {
  readonly facts?: ProductFactArrays;
  readonly registrations: TimelineArrays;
  readonly launches: TimelineArrays;
  /** A change stream's browsing-session durations, learned by any worker (see SessionEnds). */
  readonly sessionEnds?: SharedArrayBuffer;
  /** The order lines the orders pass drew lately (see DrawnItems): one table for all workers of a run. */
  readonly drawnItems?: SharedArrayBuffer;
}

/** Tables whose rows read products' facts or the registration and launch tables. */
const READERS: ReadonlySet<TableName> = new Set<TableName>(['orders', 'order_items', 'web_events']);

/** Whether a run of these tables reads the shared tables (customers and products alone hardly do). */
export function readsSharedTables(tables: Iterable<TableName>): boolean {
  for (const table of tables) if (READERS.has(table)) return true;
  return false;
}

/**
 * Moves `world`'s tables into shared memory, whole (every product drawn, the timeline tables built), and
 * gives them for the other threads' Worlds of the same spec to adopt.
 */
export function shareWorldTables(world: World): SharedTables {
  const facts = world.productFacts.drawAllShared();
  return {
    ...(facts ? { facts } : {}),
    registrations: world.registrations.buildShared(),
    launches: world.launches.buildShared(),
    drawnItems: world.drawnItems.share(),
  };
}

/** Makes `world` (built from the same spec) read `tables` instead of its own. */
export function adoptSharedTables(world: World, tables: SharedTables): void {
  if (tables.facts) world.productFacts.adopt(tables.facts);
  world.registrations.adopt(tables.registrations);
  world.launches.adopt(tables.launches);
  if (tables.sessionEnds) adoptSessionEnds(world, tables.sessionEnds);
  if (tables.drawnItems) world.drawnItems.adopt(tables.drawnItems);
}
