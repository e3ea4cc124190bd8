// Build step (run by `npm run build`): parses the shipped config/config.yaml once, with the build's own
// parser, into dist/data/config.parsed.json beside the sha256 of its text (src/config/parsedConfig.ts
// says who reads it and when). A run then starts without parsing the YAML or loading the yaml package.
import { deepStrictEqual } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from '../src/config/loadConfig.js';
import { PARSED_CONFIG_FILE, type ParsedConfig } from '../src/config/parsedConfig.js';
import { readInputText } from '../src/config/readInputText.js';
import { DEFAULT_CONFIG_FILE } from '../src/paths.js';

const text = readInputText(DEFAULT_CONFIG_FILE, 'config', (message) => new Error(message));
const parsed: ParsedConfig = { sha256: createHash('sha256').update(text).digest('hex'), config: parseConfig(text, DEFAULT_CONFIG_FILE) };
const json = JSON.stringify(parsed);
// A value JSON cannot hold (undefined, NaN, a Map) would come back different and change the data: the
// build fails instead.
deepStrictEqual((JSON.parse(json) as ParsedConfig).config, parsed.config, 'the parsed config does not survive JSON');
mkdirSync(dirname(PARSED_CONFIG_FILE), { recursive: true });
writeFileSync(PARSED_CONFIG_FILE, json);
