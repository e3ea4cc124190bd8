// The gzip level of a run (`--compress gzip:<level>`): zlib's 1 (fastest, largest) to 9 (slowest,
// smallest). Plain `gzip` is zlib's default level, 6, which is what it always wrote. (No Node types here:
// the library's public options reach this module, and a consumer may compile without @types/node.)

export const GZIP_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type GzipLevel = (typeof GZIP_LEVELS)[number];
export const DEFAULT_GZIP_LEVEL: GzipLevel = 6;
