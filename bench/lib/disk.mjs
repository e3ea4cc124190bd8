// Free space where the bench writes its temporary datasets.
import { statfsSync } from 'node:fs';

export function freeBytes(dir) {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}
