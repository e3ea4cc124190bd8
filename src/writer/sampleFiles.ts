import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes the JSON sample files (each under a temporary name, then renamed); returns their names, sorted. */
export async function writeSampleFiles(directory: string, samples: Readonly<Record<string, string>>): Promise<string[]> {
  const names = Object.keys(samples).sort();
  for (const name of names) {
    const temp = join(directory, `.${name}.${process.pid}.tmp`);
    await writeFile(temp, samples[name] as string);
    await rename(temp, join(directory, name));
  }
  return names;
}
