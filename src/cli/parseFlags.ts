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
