// Every rule the report lists, with its violation count and its first few offending rows.
import type { TableName } from '../schema/tableNames.js';

export type RuleStatus = 'passed' | 'failed' | 'not_checked';

/** One offending row (or file, for file-level rules). */
export interface ViolationExample {
  readonly file: string;
  /** Physical line where the record starts (the header is line 1); 0 for a whole file. */
  readonly line: number;
  /** The row's primary key, as `column=value`; empty for file-level rules. */
  readonly key: string;
  /** The values the rule looked at. */
  readonly values: Readonly<Record<string, string>>;
  readonly problem: string;
}

export interface RuleDefinition {
  readonly id: string;
  /** The table the rule belongs to; null for rules over the whole dataset (files, columns, keys). */
  readonly table: TableName | null;
  readonly name: string;
  readonly description: string;
}

/**
 * The outcome of one check. Several rule ids may share a tally when they are the same check (ORD-01
 * and FK-orders.customer_id), so it is computed once and reported under each id.
 */
export class RuleTally {
  count = 0;
  readonly byFile = new Map<string, number>();
  readonly examples: ViolationExample[] = [];
  /** Why the check could not run; undefined when it ran. */
  notChecked: string | undefined;
  /** The tally that took this provisional one's violations over (absorb). */
  absorbedInto: RuleTally | undefined;

  constructor(
    private readonly maxExamples: number,
    private readonly log?: ViolationLog,
  ) {}

  /**
   * Counts a violation; `describe` is called (and strings kept) only for the first few, so a file
   * with millions of violations costs a counter.
   */
  add(file: string, line: number, describe: () => Omit<ViolationExample, 'file' | 'line'>): void {
    this.count++;
    this.byFile.set(file, (this.byFile.get(file) ?? 0) + 1);
    if (this.log) {
      // Every violation is kept (validate --violations): described once, for the log and the examples.
      const example = { file, line, ...detach(describe()) };
      this.log.add(this, example);
      if (this.examples.length < this.maxExamples) this.examples.push(example);
      return;
    }
    if (this.examples.length < this.maxExamples) this.examples.push({ file, line, ...detach(describe()) });
  }

  /** Adds the violations another tally counted (a provisional one that turned out to be right). */
  absorb(other: RuleTally): void {
    other.absorbedInto = this;
    this.count += other.count;
    for (const [file, count] of other.byFile) this.byFile.set(file, (this.byFile.get(file) ?? 0) + count);
    for (const example of other.examples) if (this.examples.length < this.maxExamples) this.examples.push(example);
    if (other.notChecked !== undefined) this.skip(other.notChecked);
  }

  /** Marks the check as not run, keeping the first reason given. */
  skip(reason: string): void {
    this.notChecked ??= reason;
  }

  get status(): RuleStatus {
    if (this.count > 0) return 'failed';
    return this.notChecked === undefined ? 'passed' : 'not_checked';
  }
}

/** Longest text an example keeps: a record may be megabytes long, and a report holds up to 1000 examples per rule. */
const MAX_EXAMPLE_CHARS = 1000;

/**
 * Field values handed to a record callback are slices of a megabyte of file text; keeping a slice keeps
 * its whole chunk alive, so every string an example stores is copied first (and cut when it is long).
 */
function keep(text: string): string {
  const shown = text.length > MAX_EXAMPLE_CHARS ? `${text.slice(0, MAX_EXAMPLE_CHARS)}... (${text.length} characters)` : text;
  return Buffer.from(shown, 'utf8').toString('utf8');
}

function detach(example: Omit<ViolationExample, 'file' | 'line'>): Omit<ViolationExample, 'file' | 'line'> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(example.values)) values[name] = keep(value);
  return { key: keep(example.key), values, problem: keep(example.problem) };
}

/** Every violation of a run, kept when asked for (`validate --violations`, `--answer-key`). */
export class ViolationLog {
  readonly entries: { readonly tally: RuleTally; readonly example: ViolationExample }[] = [];

  add(tally: RuleTally, example: ViolationExample): void {
    this.entries.push({ tally, example });
  }
}

export class RuleBook {
  private readonly rules: { definition: RuleDefinition; tally: RuleTally }[] = [];
  private readonly byId = new Map<string, RuleTally>();

  constructor(
    readonly maxExamples: number,
    readonly log?: ViolationLog,
  ) {}

  /** A tally that is not (yet) a rule's: a provisional verdict, or a check several rules share. */
  newTally(): RuleTally {
    return new RuleTally(this.maxExamples, this.log);
  }

  /** The first rule id a tally (or the tally that absorbed it) is reported under; undefined when none. */
  ruleOf(tally: RuleTally): string | undefined {
    let current: RuleTally | undefined = tally;
    while (current) {
      const owner = current;
      const entry = this.rules.find((rule) => rule.tally === owner);
      if (entry) return entry.definition.id;
      current = current.absorbedInto;
    }
    return undefined;
  }

  /** Registers a rule with a new tally, or with `shared` when it is the same check as another rule. */
  define(definition: RuleDefinition, shared?: RuleTally): RuleTally {
    const existing = this.byId.get(definition.id);
    if (existing) return existing;
    const tally = shared ?? new RuleTally(this.maxExamples, this.log);
    this.rules.push({ definition, tally });
    this.byId.set(definition.id, tally);
    return tally;
  }

  /** The tally of a rule id, or a detached one when the schemas do not declare that rule. */
  tally(id: string): RuleTally {
    return this.byId.get(id) ?? new RuleTally(0);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  entries(): readonly { definition: RuleDefinition; tally: RuleTally }[] {
    return this.rules;
  }
}
