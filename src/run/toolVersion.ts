import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

// Read from the package root, not relative to this file: it runs from src/ under vitest and from
// dist/src/ when built, and only PACKAGE_ROOT is right in both.
const packageJson = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** The package name, recorded as `tool` in every manifest. */
export const TOOL_NAME: string = packageJson.name;
/** The package version: part of a run's identity, so `--resume` never mixes files of two versions. */
export const TOOL_VERSION: string = packageJson.version;
