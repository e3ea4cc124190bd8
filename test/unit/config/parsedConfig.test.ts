// The build's parsed copy of the shipped config (dist/data/config.parsed.json) stands in for parsing the
// YAML only for the very text it was parsed from, and only if it holds exactly what the parser returns.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../../src/config/loadConfig.js';
import { builtConfig, configFromCache } from '../../../src/config/parsedConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';

const SHIPPED = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
const SHIPPED_SHA = createHash('sha256').update(SHIPPED).digest('hex');
const PARSED = parseConfig(SHIPPED, DEFAULT_CONFIG_FILE);
const CACHE = JSON.stringify({ sha256: SHIPPED_SHA, config: PARSED });

describe('the parsed config cache', () => {
  it('gives back exactly what the parser made of the shipped config, keys in the same order', () => {
    const cached = configFromCache(CACHE, SHIPPED_SHA);
    expect(cached).toStrictEqual(PARSED);
    // Key order is iteration order (weights, environments): it must survive too.
    expect(JSON.stringify(cached)).toBe(JSON.stringify(PARSED));
  });

  it('is not used for any other text', () => {
    const edited = SHIPPED.replace(/^seed: 42$/m, 'seed: 43');
    expect(edited).not.toBe(SHIPPED);
    const editedSha = createHash('sha256').update(edited).digest('hex');
    expect(configFromCache(CACHE, editedSha)).toBeUndefined();
    expect(parseConfig(edited, DEFAULT_CONFIG_FILE).seed).toBe(43);
  });

  it('is ignored when missing, not JSON, or not its layout', () => {
    expect(configFromCache(undefined, SHIPPED_SHA)).toBeUndefined();
    expect(configFromCache(CACHE.slice(0, 100), SHIPPED_SHA)).toBeUndefined();
    expect(configFromCache(JSON.stringify({ sha256: SHIPPED_SHA }), SHIPPED_SHA)).toBeUndefined();
    expect(configFromCache(JSON.stringify({ sha256: SHIPPED_SHA, config: null }), SHIPPED_SHA)).toBeUndefined();
    expect(configFromCache('null', SHIPPED_SHA)).toBeUndefined();
  });

  it('is not read when running from the TypeScript sources, whose parser may be newer than the build', () => {
    expect(builtConfig(SHIPPED_SHA)).toBeUndefined();
  });
});
