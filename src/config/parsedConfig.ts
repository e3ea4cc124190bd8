// The shipped config/config.yaml as parseConfig reads it, written at build time (scripts/buildParsedConfig.ts)
// to dist/data/config.parsed.json with the sha256 of the YAML text it came from. A run whose config file
// has that very text (the shipped one, unedited, or a byte-identical copy) takes the parsed form from it
// instead of parsing the YAML again (~150 ms of CPU on the coordinator before the workers could start).
// Any other text, a missing or unreadable cache, or a run from the TypeScript sources (the unit tests,
// whose parser may be newer than the last build's) parses the YAML as before, with the same errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EcomConfig } from './configTypes.js';
import { PACKAGE_ROOT } from '../paths.js';

export const PARSED_CONFIG_FILE = join(PACKAGE_ROOT, 'dist', 'data', 'config.parsed.json');

/** What the cache file holds. */
export interface ParsedConfig {
  /** sha256 (hex) of the YAML text `config` was parsed from. */
  readonly sha256: string;
  readonly config: EcomConfig;
}

/**
 * The parsed config from the cache's JSON text when it was parsed from the text whose sha256 is `sha256`;
 * undefined otherwise (no cache, another text, not the cache's layout).
 */
export function configFromCache(cacheText: string | undefined, sha256: string): EcomConfig | undefined {
  if (cacheText === undefined) return undefined;
  let cache: unknown;
  try {
    cache = JSON.parse(cacheText);
  } catch {
    return undefined;
  }
  if (cache === null || typeof cache !== 'object') return undefined;
  const { sha256: cachedSha, config } = cache as Partial<ParsedConfig>;
  return cachedSha === sha256 && config !== null && typeof config === 'object' ? config : undefined;
}

/** Only the compiled build reads the cache: it was written by the parser of the same build. */
const FROM_BUILD = import.meta.url.endsWith('.js');

let cacheText: string | undefined | null = null;

/** The build's parsed config when its YAML text hashes to `sha256`. */
export function builtConfig(sha256: string): EcomConfig | undefined {
  if (!FROM_BUILD) return undefined;
  if (cacheText === null) {
    try {
      cacheText = readFileSync(PARSED_CONFIG_FILE, 'utf8');
    } catch {
      cacheText = undefined;
    }
  }
  return configFromCache(cacheText, sha256);
}
