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

  /**
   * Adds what the same check counted over a part of a table, scanned elsewhere (a worker), in file
   * order: `lineBase` turns the part's lines into the table's.
   */
  addPart(part: TallyPart, lineBase: number): ViolationExample[] {
    this.count += part.count;
    for (const [file, count] of part.byFile) this.byFile.set(file, (this.byFile.get(file) ?? 0) + count);
    const shifted = part.examples.map((example) => (lineBase === 0 || example.line === 0 ? example : { ...example, line: example.line + lineBase }));
    for (const example of shifted) if (this.examples.length < this.maxExamples) this.examples.push(example);
    if (part.notChecked !== undefined) this.skip(part.notChecked);
    return shifted;
  }

  /** Forgets what was counted (not why it could not run): a part handed on is counted again from zero. */
  clear(): void {
    this.count = 0;
    this.byFile.clear();
    this.examples.length = 0;
  }

  /** What this tally holds, to be added to the same check's tally elsewhere (addPart). */
  part(): TallyPart {
    return { count: this.count, byFile: [...this.byFile], examples: [...this.examples], ...(this.notChecked !== undefined ? { notChecked: this.notChecked } : {}) };
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

/** A tally's counts and first examples, as they travel from a worker's scan of part of a table. */
export interface TallyPart {
  readonly count: number;
  readonly byFile: readonly (readonly [string, number])[];
  readonly examples: readonly ViolationExample[];
  readonly notChecked?: string;
}

export interface LogEntry {
  readonly tally: RuleTally;
  readonly example: ViolationExample;
  /** The step of the run that found it (see ViolationLog.phase). */
  readonly phase: number;
  /** Where in a record's checks it was found (see ViolationLog.stage): orders one record's findings. */
  readonly stage: number;
}

/**
 * Every violation of a run, kept when asked for (`validate --violations`, `--answer-key`). A table's
 * rows are checked in parts, some checks in workers and some after them, so each entry carries its
 * phase (the tables in dependency order, then the checks that follow them) and, within a table, its
 * record's line and the stage of the record's checks: `entries` lists them as one pass over the
 * tables in file order would have found them.
 */
export class ViolationLog {
  /** The entries in the order they were added (a worker's, in its own part of the table). */
  readonly unsorted: LogEntry[] = [];
  /** The current step of the run; phases whose findings are in file order sort by line. */
  phase = 0;
  private readonly byLine = new Set<number>();
  /** The stage of a record's checks now running (0 file bytes, 1 values, 2 primary key, 3 foreign keys, 4 unique keys, 5 row rules, 6 rules over earlier rows, 7 sessions). */
  stage = 0;

  /** Starts a step of the run; `inFileOrder` when its findings are sorted by line and stage. */
  startPhase(phase: number, inFileOrder: boolean): void {
    this.phase = phase;
    if (inFileOrder) this.byLine.add(phase);
    this.stage = 0;
  }

  add(tally: RuleTally, example: ViolationExample, stage = this.stage): void {
    this.unsorted.push({ tally, example, phase: this.phase, stage });
  }

  get entries(): readonly { readonly tally: RuleTally; readonly example: ViolationExample }[] {
    const found = this.unsorted;
    const byLine = this.byLine;
    const order = found.map((_, index) => index);
    order.sort((a, b) => {
      const x = found[a] as LogEntry;
      const y = found[b] as LogEntry;
      if (x.phase !== y.phase) return x.phase - y.phase;
      if (byLine.has(x.phase)) {
        if (x.example.line !== y.example.line) return x.example.line - y.example.line;
        if (x.stage !== y.stage) return x.stage - y.stage;
      }
      return a - b;
    });
    return order.map((index) => found[index] as LogEntry);
  }
}

export class RuleBook {
  private readonly rules: { definition: RuleDefinition; tally: RuleTally }[] = [];
  private readonly byId = new Map<string, RuleTally>();
  /** Every tally defined or made here, in creation order: the same rules give the same numbers in every worker. */
  private readonly made: RuleTally[] = [];

  constructor(
    readonly maxExamples: number,
    readonly log?: ViolationLog,
  ) {}

  /** A tally that is not (yet) a rule's: a provisional verdict, or a check several rules share. */
  newTally(): RuleTally {
    const tally = new RuleTally(this.maxExamples, this.log);
    this.made.push(tally);
    return tally;
  }

  /** The tallies made so far, in creation order (see tallyAt). */
  get tallies(): readonly RuleTally[] {
    return this.made;
  }

  /** The tally made `index`-th: a worker's book made from the same schemas numbers its tallies alike. */
  tallyAt(index: number): RuleTally {
    const tally = this.made[index];
    if (!tally) throw new Error(`no tally ${index}`);
    return tally;
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
    const tally = shared ?? this.newTally();
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
