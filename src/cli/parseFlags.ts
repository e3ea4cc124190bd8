import { InvalidArgumentError } from 'commander';

/** Whole numbers as users type them (digits, optionally with _ or , separators), nothing else. */
export function parseCount(value: string): number {
  const digits = value.replace(/[_,]/g, '');
  if (!/^\d+$/.test(digits)) throw new InvalidArgumentError('must be a whole number (0 or more).');
  const count = Number(digits);
  if (!Number.isSafeInteger(count)) throw new InvalidArgumentError('is too large.');
  return count;
}

export function parseTables(value: string): string[] {
  return value.split(',').map((table) => table.trim()).filter((table) => table.length > 0);
}

/** A share from 0 to 1 (`0.01`, `.5`, `1`), as `--defects` takes it. */
export function parseShare(value: string): number {
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value.trim())) throw new InvalidArgumentError('must be a share of rows from 0 to 1, such as 0.01.');
  const share = Number(value);
  if (share > 1) throw new InvalidArgumentError(`must be a share of rows from 0 to 1, such as 0.01 (${value} is more than 1).`);
  return share;
}
