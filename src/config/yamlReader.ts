// Reads an untyped YAML document field by field, so that a wrong value is reported with its key path
// (e.g. `environments.prod.orders`) instead of surfacing later as a NaN in the data.

import { ConfigError } from '../errors.js';
import { messageExcerpt } from './messageExcerpt.js';

/**
 * Weights are relative, so no config needs a large one; the bound keeps sums and the products of
 * the time curve's multipliers (growth x month x weekday x peak day) finite.
 */
export const MAX_WEIGHT = 1_000_000;

type Node = unknown;

function describe(value: Node): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return messageExcerpt(JSON.stringify(value));
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** The lower bound itself is not allowed (e.g. growth must be > 0). */
  readonly exclusiveMin?: boolean;
}

export class YamlReader {
  constructor(
    private readonly file: string,
    readonly node: Node,
    readonly path: string,
  ) {}

  private fail(message: string): never {
    throw new ConfigError(`${this.file}: ${this.path || '(top level)'} ${message}`);
  }

  private child(key: string | number, node: Node): YamlReader {
    const name = messageExcerpt(String(key), 40);
    const path = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${name}` : name;
    return new YamlReader(this.file, node, path);
  }

  private mapping(): Record<string, Node> {
    if (this.node === null || typeof this.node !== 'object' || Array.isArray(this.node)) {
      this.fail(`must be a mapping (got ${describe(this.node)})`);
    }
    return this.node as Record<string, Node>;
  }

  field(key: string): YamlReader {
    const map = this.mapping();
    if (!(key in map)) this.child(key, undefined).fail('is missing');
    return this.child(key, map[key]);
  }

  keys(): string[] {
    return Object.keys(this.mapping());
  }

  number(rule: NumberRule = {}): number {
    const value = this.node;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`must be a number (got ${describe(value)})`);
    if (rule.integer && !Number.isSafeInteger(value)) this.fail(`must be a whole number (got ${value})`);
    if (rule.min !== undefined && (value < rule.min || (rule.exclusiveMin && value === rule.min))) {
      this.fail(`must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min} (got ${value})`);
    }
    if (rule.max !== undefined && value > rule.max) this.fail(`must be at most ${rule.max} (got ${value})`);
    return value;
  }

  probability(): number {
    return this.number({ min: 0, max: 1 });
  }

  string(): string {
    if (typeof this.node !== 'string' || this.node.length === 0) this.fail(`must be a text (got ${describe(this.node)})`);
    return this.node;
  }

  list(length?: { readonly min?: number; readonly exact?: number }): YamlReader[] {
    if (!Array.isArray(this.node)) this.fail(`must be a list (got ${describe(this.node)})`);
    const items = this.node as Node[];
    if (length?.exact !== undefined && items.length !== length.exact) {
      this.fail(`must list exactly ${length.exact} values (got ${items.length})`);
    }
    if (length?.min !== undefined && items.length < length.min) {
      this.fail(`must list at least ${length.min} values (got ${items.length})`);
    }
    return items.map((item, index) => this.child(index, item));
  }

  numbers(rule: NumberRule, length?: { readonly min?: number; readonly exact?: number }): number[] {
    return this.list(length).map((item) => item.number(rule));
  }

  /** A mapping of names to weights from 0 to MAX_WEIGHT with at least one positive. */
  weights(allowed?: readonly string[]): Record<string, number> {
    const result: Record<string, number> = {};
    for (const key of this.keys()) {
      if (allowed && !allowed.includes(key)) {
        this.child(key, undefined).fail(`is not one of ${allowed.join(', ')}`);
      }
      result[key] = this.field(key).weight();
    }
    this.checkSomePositive(Object.values(result));
    return result;
  }

  /** A list of weights from 0 to MAX_WEIGHT with at least one positive (e.g. the hours of a day). */
  weightList(length: { readonly exact: number }): number[] {
    const weights = this.list(length).map((item) => item.weight());
    this.checkSomePositive(weights);
    return weights;
  }

  /** One weight: 0 to MAX_WEIGHT. */
  weight(): number {
    return this.number({ min: 0, max: MAX_WEIGHT });
  }

  /** Weights that are all 0 leave nothing to draw: a choice among them has no answer. */
  checkSomePositive(weights: readonly number[]): void {
    if (!weights.some((weight) => weight > 0)) this.fail('needs at least one positive weight');
  }

  check(condition: boolean, message: string): void {
    if (!condition) this.fail(message);
  }
}
