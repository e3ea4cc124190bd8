// A worker moves (detaches) the buffers of its results to the coordinator, and a thread's first detached
// ArrayBuffer makes V8 drop all the optimised code compiled until then that touches typed arrays (it had
// assumed no buffer would ever be detached): after the first task, the first table's code was compiled
// a second time (~10% of a generate worker's compiles). Detaching an empty buffer before any task runs
// makes V8 compile that code once, with the checks it ends up with anyway.

/** Detaches an empty ArrayBuffer, once per thread; call it before the worker's first task. */
export function detachOnceAtStart(): void {
  const empty = new ArrayBuffer(0);
  structuredClone(empty, { transfer: [empty] });
}
