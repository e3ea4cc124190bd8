import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { MANIFEST_NAME } from '../run/cleanPlan.js';
import { parseManifest, type Manifest } from '../writer/manifest.js';

/** The manifest the report shows, the file it came from, and its text (for the clock's config hash). */
export interface ReportManifest {
  readonly manifest: Manifest;
  /** manifest.json, or the part manifests of a directory of `--part` runs (the first one is shown). */
  readonly files: readonly string[];
  readonly text: string;
}

/**
 * What marks `dir` as a dataset ecomgen wrote: its manifest.json, or else its part manifests. Neither,
 * or one that does not parse, is bad input (one line, exit 2).
 */
export async function readReportManifest(dir: string): Promise<ReportManifest> {
  const names = (await readdir(dir)).filter((name) => MANIFEST_NAME.test(name)).sort();
  const files = names.includes('manifest.json') ? ['manifest.json'] : names;
  const first = files[0];
  if (first === undefined) throw new UsageError(`report: ${dir} holds no ecomgen dataset (no manifest.json)`);
  const text = await readFile(join(dir, first), 'utf8');
  const manifest = parseManifest(text);
  if (typeof manifest === 'string') throw new UsageError(`report: ${join(dir, first)} is not a readable manifest: ${manifest}`);
  return { manifest, files, text };
}
