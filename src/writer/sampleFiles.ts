import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile.js';

/** Writes the JSON sample files, each atomically; returns their names, sorted. */
export async function writeSampleFiles(directory: string, samples: Readonly<Record<string, string>>): Promise<string[]> {
  const names = Object.keys(samples).sort();
  for (const name of names) await writeFileAtomic(join(directory, name), samples[name] as string);
  return names;
}
