import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import type { ProfileClock } from './profileTypes.js';

/**
 * The shoppers' local time for hours and weekdays: window.local_utc_offset_hours of the config that
 * made the data. A dataset does not carry its config, but manifest.json records the config's sha256:
 * the offset is used when `configFile` has that hash, otherwise hours are read in UTC and the note says why.
 */
export function profileClock(dir: string, configFile: string): ProfileClock {
  // The parts of a --part run each record the same config hash: the first one speaks for them all.
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const manifestFile = names.includes('manifest.json') ? 'manifest.json' : names.filter((name) => /^manifest\.part-\d+-of-\d+\.json$/.test(name)).sort()[0];
  return clockOf(manifestFile === undefined ? undefined : readFileSync(join(dir, manifestFile), 'utf8'), configFile);
}

/** The clock given manifest.json's text (undefined: the dataset has none) and the config file to try. */
export function clockOf(manifestText: string | undefined, configFile: string): ProfileClock {
  if (manifestText === undefined) return { utcOffsetHours: 0, basis: 'utc', note: 'no manifest.json to match a config against' };
  let recorded: unknown;
  try {
    recorded = (JSON.parse(manifestText) as { config_sha256?: unknown }).config_sha256;
  } catch {
    return { utcOffsetHours: 0, basis: 'utc', note: 'manifest.json is not readable JSON' };
  }
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(configFile);
  } catch (error) {
    return { utcOffsetHours: 0, basis: 'utc', note: `config ${configFile} not loaded (${(error as Error).message})` };
  }
  if (loaded.sha256 !== recorded) return { utcOffsetHours: 0, basis: 'utc', note: `config ${configFile} is not the one manifest.json records` };
  const offset = loaded.config.window.localUtcOffsetHours;
  return { utcOffsetHours: offset, basis: 'config', note: `UTC${offset < 0 ? '' : '+'}${offset} (window.local_utc_offset_hours)` };
}
