// Which rows of a table are dirty and with which kind: a pure function of (seed, table, id), drawn from
// the table's defect stream, so the same for any worker count, shard size or --part split.
import { hashId, hashUnit, streamKey } from '../core/random.js';
import { DEFECT_STREAM_NAMES } from '../model/streams.js';
import type { TableName } from '../schema/tableNames.js';
import type { DefectKind } from './defectKinds.js';
import type { DefectSettings } from './defectSettings.js';
import { kindsOf } from './injectors/kindInjectors.js';

/** Salts that derive the kind draw and the injectors' generator from the table's defect stream key. */
const KIND_SALT = 0x6b43a9b5;
const VALUE_SALT = 0x1b873593;

export interface TableDefectPlan {
  readonly table: TableName;
  readonly rate: number;
  /** The kinds this table can carry with a positive weight, in DEFECT_KINDS order. */
  readonly kinds: readonly DefectKind[];
  /** Running sums of the kinds' weights, for the draw. */
  cumulativeWeights: readonly number[];
  /** Key of the row's value generator (Rng.reseed(valueKey, id)). */
  readonly valueKey: number;
  readonly choiceKey: number;
  readonly kindKey: number;
}

export function tableDefectPlan(settings: DefectSettings, table: TableName, seed: number): TableDefectPlan {
  const kinds = kindsOf(table).filter((kind) => settings.weights[kind] > 0);
  let sum = 0;
  const cumulative = kinds.map((kind) => (sum += settings.weights[kind]));
  const key = streamKey(seed, DEFECT_STREAM_NAMES[table]);
  return {
    table,
    rate: kinds.length === 0 ? 0 : settings.rates[table],
    kinds,
    cumulativeWeights: cumulative,
    valueKey: (key ^ VALUE_SALT) >>> 0,
    choiceKey: key,
    kindKey: (key ^ KIND_SALT) >>> 0,
  };
}

/** Most kinds a row tries before it stays clean (a kind that cannot apply passes to another). */
const MAX_ATTEMPTS = 6;

/**
 * The kind a row tries after `step + 1` kinds could not apply to it: another draw by weight, never
 * late_arriving (whether a row moves must be known from its id alone, for the shards after it).
 */
export function fallbackKind(plan: TableDefectPlan, id: number, step: number): DefectKind | undefined {
  if (step + 1 >= MAX_ATTEMPTS) return undefined;
  const kind = drawFrom(plan, hashUnit((plan.kindKey + 0x9e3779b9 * (step + 1)) >>> 0, id));
  return kind === 'late_arriving' ? fallbackKind(plan, id, step + 1) : kind;
}

function drawFrom(plan: TableDefectPlan, unit: number): DefectKind | undefined {
  const cumulative = plan.cumulativeWeights;
  const draw = unit * (cumulative[cumulative.length - 1] as number);
  for (let index = 0; index < cumulative.length; index++) if (draw < (cumulative[index] as number)) return plan.kinds[index];
  return plan.kinds[plan.kinds.length - 1];
}

/** hashUnit's range: hashUnit(key, id) < rate exactly when hashId(key, id) < rate * 2^32 (both sides scaled by a power of two). */
const TWO_POW_32 = 4294967296;

/** The kind drawn for row `id`, or undefined when the row stays clean. */
export function drawnKind(plan: TableDefectPlan, id: number): DefectKind | undefined {
  if (plan.rate <= 0 || hashId(plan.choiceKey, id) >= plan.rate * TWO_POW_32) return undefined;
  return drawFrom(plan, hashUnit(plan.kindKey, id));
}

/**
 * The ids from..to whose row draws a kind (about `rate` of them), in rising order: one hash per id, compared
 * as an integer. The hash is hashId's, written out in the loop: this runs for every row of a dirty run,
 * and inlined into the large defect pass the call was not, so each hash above 2^31 came back as a heap
 * number (~9 MB of garbage per million rows, issue 15).
 */
export function drawnIds(plan: TableDefectPlan, from: number, to: number): number[] {
  const ids: number[] = [];
  if (plan.rate <= 0) return ids;
  const choiceKey = plan.choiceKey;
  const limit = plan.rate * TWO_POW_32;
  for (let id = from; id <= to; id++) {
    const high = Math.imul((Math.floor(id / TWO_POW_32) >>> 0) ^ 0x27d4eb2f, 0x165667b1);
    let h = (choiceKey ^ id) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = ((h >>> 0) + high) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    if (h >>> 0 < limit) ids.push(id);
  }
  return ids;
}
