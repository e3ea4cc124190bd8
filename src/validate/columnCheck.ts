import type { ColumnSchema } from '../schema/schemaTypes.js';
import { parseDateNumber, parseInteger, parseTimestamp } from './valueParsers.js';

/** Checks one raw CSV field against its column's schema; returns what is wrong, or undefined. */
export type FieldCheck = (value: string) => string | undefined;

const INTEGER = /^-?\d+$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function codePoints(value: string): number {
  let pairs = 0;
  for (let index = 0; index + 1 < value.length; index++) {
    const code = value.charCodeAt(index);
    const next = value.charCodeAt(index + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      pairs++;
      index++;
    }
  }
  return value.length - pairs;
}

function typeCheck(column: ColumnSchema): FieldCheck {
  const type = column.type;
  switch (type.kind) {
    case 'INTEGER':
      return (value) => {
        // parseInteger is the fast path; very long digit strings (zero-padded) take the regex.
        let number = parseInteger(value);
        if (Number.isNaN(number)) {
          if (!INTEGER.test(value)) return 'is not an INTEGER';
          number = Number(value);
        }
        return number < INT32_MIN || number > INT32_MAX ? 'is outside the INTEGER range' : undefined;
      };
    case 'BIGINT':
      return (value) => {
        if (!Number.isNaN(parseInteger(value))) return undefined;
        if (!INTEGER.test(value)) return 'is not a BIGINT';
        const number = BigInt(value);
        return number < INT64_MIN || number > INT64_MAX ? 'is outside the BIGINT range' : undefined;
      };
    case 'DECIMAL': {
      const notOne = `is not a ${column.typeText}`;
      const tooMany = `has too many digits for ${column.typeText}`;
      const wholeDigits = type.precision - type.scale;
      const scale = type.scale;
      // `-?digits(.digits{1,scale})?` read char by char: a pattern's match array and captured digits
      // were two strings a value (orders and order_items have 7.5M decimals in prod).
      return (value) => {
        const length = value.length;
        let at = value.charCodeAt(0) === 45 ? 1 : 0;
        const first = at;
        while (at < length && isDigit(value.charCodeAt(at))) at++;
        const wholeEnd = at;
        if (wholeEnd === first) return notOne;
        if (at < length) {
          if (value.charCodeAt(at) !== 46) return notOne;
          const fraction = ++at;
          while (at < length && isDigit(value.charCodeAt(at))) at++;
          if (at !== length || at === fraction || at - fraction > scale) return notOne;
        }
        let leadingZeros = 0;
        while (leadingZeros < wholeEnd - first - 1 && value.charCodeAt(first + leadingZeros) === 48) leadingZeros++;
        return wholeEnd - first - leadingZeros > wholeDigits ? tooMany : undefined;
      };
    }
    case 'VARCHAR':
      // UTF-16 length bounds the code point count from above, so most values need no counting.
      return (value) => (value.length > type.length && codePoints(value) > type.length ? `is longer than ${type.length} characters` : undefined);
    case 'DATE':
      return (value) => (value.length === 10 && !Number.isNaN(parseDateNumber(value)) ? undefined : 'is not a DATE (YYYY-MM-DD)');
    case 'TIMESTAMP':
      return (value) => (Number.isNaN(parseTimestamp(value)) ? 'is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS)' : undefined);
    case 'BOOLEAN':
      return (value) => (value === 'true' || value === 'false' ? undefined : 'is not a BOOLEAN (true/false)');
  }
}

/**
 * The number an INTEGER or BIGINT value stands for, as `Number(value)` gives it, once checkType passed
 * it: parseInteger's when it read it (the same number, without converting the text again).
 */
function integerValue(value: string): number {
  const number = parseInteger(value);
  return Number.isNaN(number) ? Number(value) : number;
}

/** Compiles the checks of a column once: type, nullability, allowed values, min and max. */
export function compileFieldCheck(column: ColumnSchema): FieldCheck {
  const checkType = typeCheck(column);
  const allowed = column.allowedValues ? new Set(column.allowedValues) : undefined;
  const { min, max } = column;
  const kind = column.type.kind;
  const numberOf = kind === 'INTEGER' || kind === 'BIGINT' ? integerValue : Number;
  return (value) => {
    if (value === '') return column.nullable ? undefined : 'is NULL in a NOT NULL column';
    const typeProblem = checkType(value);
    if (typeProblem) return typeProblem;
    if (allowed && !allowed.has(value)) return 'is not one of the allowed values';
    if (min === undefined && max === undefined) return undefined;
    const number = numberOf(value);
    if (min !== undefined && number < min) return `is below the minimum ${min}`;
    if (max !== undefined && number > max) return `is above the maximum ${max}`;
    return undefined;
  };
}

/**
 * The values of a column with allowed values that pass every check of it (`clean`), by length: most
 * values of such a column are one of them, and comparing a few texts of the same length costs less
 * than hashing the value for a Set and running its quality checks again. Undefined without allowed values.
 */
export function cleanAllowedValues(column: ColumnSchema, isClean: (value: string) => boolean): readonly (readonly string[] | undefined)[] | undefined {
  if (!column.allowedValues) return undefined;
  const byLength: string[][] = [];
  for (const value of column.allowedValues) {
    if (value === '' || !isClean(value)) continue;
    (byLength[value.length] ??= []).push(value);
  }
  return byLength;
}
