// The piscina worker of `validate`: checks one task's records (a table, or a byte range of a large CSV
// file; see src/validate/chunkScan.ts) and moves the result's typed columns back to the coordinator.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadSchemas } from '../src/schema/loadSchemas.js';
import type { SchemaSet } from '../src/schema/schemaTypes.js';
import { scanChunk, type ChunkResult, type ChunkTask } from '../src/validate/chunkScan.js';
import { detachOnceAtStart } from '../src/pool/firstDetach.js';

// Every result's columns are moved to the coordinator: see firstDetach.ts.
detachOnceAtStart();

const schemasByDir = new Map<string, SchemaSet>();

type Columns = Int32Array | Uint32Array | Uint8Array | Float64Array;

/**
 * The result's columns cut to their length (a column grows by doubling: moving it whole would move up
 * to twice its bytes), each on a buffer of its own, listed for moving.
 */
function ownBuffers<T>(value: T, moved: ArrayBuffer[], depth = 0): T {
  if (ArrayBuffer.isView(value)) {
    const column = value as unknown as Columns;
    if (!(column.buffer instanceof ArrayBuffer)) return value;
    const own = column.byteLength === column.buffer.byteLength ? column : column.slice();
    moved.push(own.buffer as ArrayBuffer);
    return own as unknown as T;
  }
  if (value === null || typeof value !== 'object' || depth >= 4) return value;
  // Arrays of strings hold no buffer; arrays of columns (unique keys) are few.
  if (Array.isArray(value)) return (value.length <= 64 ? value.map((inner: unknown) => (typeof inner === 'object' ? ownBuffers(inner, moved, depth + 1) : inner)) : value) as T;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, ownBuffers(inner, moved, depth + 1)])) as T;
}

export default async function validateChunk(task: ChunkTask): Promise<ChunkResult> {
  let schemas = schemasByDir.get(task.schemaDir);
  if (!schemas) {
    schemas = loadSchemas(task.schemaDir).schemas;
    schemasByDir.set(task.schemaDir, schemas);
  }
  const result = await scanChunk(task, schemas);
  const moved: ArrayBuffer[] = [];
  const { rows, customers, products, orders, items, web } = ownBuffers({ rows: result.rows, customers: result.customers, products: result.products, orders: result.orders, items: result.items, web: result.web }, moved);
  const own: ChunkResult = { ...result, ...(rows ? { rows } : {}), ...(customers ? { customers } : {}), ...(products ? { products } : {}), ...(orders ? { orders } : {}), ...(items ? { items } : {}), ...(web ? { web } : {}) };
  return move({ [transferableSymbol]: moved, [valueSymbol]: own }) as unknown as ChunkResult;
}
