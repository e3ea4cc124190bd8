// Per-id facts live in typed arrays that double as ids arrive: a few bytes per row, no object per row.

export type NumericArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** Returns `array` if it can hold index `needed`, else a copy at least twice as long (new cells 0, or `fill`). */
export function ensureIndex<T extends NumericArray>(array: T, needed: number, fill = 0): T {
  if (needed < array.length) return array;
  let length = Math.max(array.length * 2, 1024);
  while (length <= needed) length *= 2;
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
