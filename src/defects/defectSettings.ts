// What a dirty run injects: a rate per table and a weight per kind, from config/defects.yaml, the file
// given with --defects-config, and --defects (in rising order of precedence).
import { join } from 'node:path';
import { readYaml } from '../config/loadConfig.js';
import { readInputText } from '../config/readInputText.js';
import { YamlReader } from '../config/yamlReader.js';
import { ConfigError, UsageError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { DEFECT_KINDS, type DefectKind } from './defectKinds.js';

const DEFAULT_DEFECTS_FILE = join(PACKAGE_ROOT, 'config', 'defects.yaml');

export interface DefectSettings {
  /** Share of each table's rows that carry one defect. */
  readonly rates: Readonly<Record<TableName, number>>;
  /** Relative weight of each kind (renormalised per table over the kinds that apply to it). */
  readonly weights: Readonly<Record<DefectKind, number>>;
}

export interface DefectFile {
  readonly rate?: number;
  readonly tables: Partial<Record<TableName, number>>;
  readonly weights: Partial<Record<DefectKind, number>>;
}

const FILE_KEYS = ['rate', 'tables', 'weights'];

function parseDefectFile(file: string): DefectFile {
  return parseDefectText(readInputText(file, 'config', (message) => new ConfigError(message)), file);
}

/** A defects YAML's content (`file` names it in errors). */
export function parseDefectText(text: string, file: string): DefectFile {
  const root = new YamlReader(file, readYaml(text, file) ?? {}, '');
  for (const key of root.keys()) root.check(FILE_KEYS.includes(key), `has an unknown key "${key}" (the keys are ${FILE_KEYS.join(', ')})`);
  const keys = root.keys();
  const rate = keys.includes('rate') ? root.field('rate').probability() : undefined;
  const tables: Partial<Record<TableName, number>> = {};
  if (keys.includes('tables') && root.field('tables').node !== null) {
    const node = root.field('tables');
    for (const table of node.keys()) {
      node.check((TABLE_NAMES as readonly string[]).includes(table), `names an unknown table "${table}" (tables are ${TABLE_NAMES.join(', ')})`);
      tables[table as TableName] = node.field(table).probability();
    }
  }
  const weights: Partial<Record<DefectKind, number>> = {};
  if (keys.includes('weights') && root.field('weights').node !== null) {
    const node = root.field('weights');
    for (const kind of node.keys()) {
      node.check((DEFECT_KINDS as readonly string[]).includes(kind), `names an unknown kind "${kind}" (kinds are ${DEFECT_KINDS.join(', ')})`);
      weights[kind as DefectKind] = node.field(kind).weight();
    }
  }
  return { ...(rate !== undefined ? { rate } : {}), tables, weights };
}

/**
 * The run's defect settings, or undefined for a clean run (no --defects, or every rate 0): a clean run
 * writes exactly what it wrote before defects existed.
 */
export function resolveDefects(rate: number | undefined, configFile: string | undefined, defaultsFile = DEFAULT_DEFECTS_FILE): DefectSettings | undefined {
  if (rate === undefined && configFile === undefined) return undefined;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1)) {
    throw new UsageError(`--defects: must be a share of rows from 0 to 1, such as 0.01 (got ${String(rate)})`);
  }
  const defaults = parseDefectFile(defaultsFile);
  let given: DefectFile | undefined;
  try {
    given = configFile === undefined ? undefined : parseDefectFile(configFile);
  } catch (error) {
    // The file is the flag's: the one line names it.
    if (error instanceof ConfigError) throw new ConfigError(`--defects-config: ${error.message}`);
    throw error;
  }
  const baseRate = rate ?? given?.rate ?? defaults.rate ?? 0;
  const rates = Object.fromEntries(TABLE_NAMES.map((table) => [table, given?.tables[table] ?? defaults.tables[table] ?? baseRate])) as Record<TableName, number>;
  const weights = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, given?.weights[kind] ?? defaults.weights[kind] ?? 0])) as Record<DefectKind, number>;
  if (!DEFECT_KINDS.some((kind) => weights[kind] > 0)) {
    throw new UsageError(`--defects-config: ${configFile ?? defaultsFile}: weights need at least one positive weight`);
  }
  if (TABLE_NAMES.every((table) => rates[table] === 0)) return undefined;
  return { rates, weights };
}
