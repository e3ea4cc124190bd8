import type { ColumnSchema } from '../schema/schemaTypes.js';

/** Checks one raw CSV field against its column's schema; returns what is wrong, or undefined. */
export type FieldCheck = (value: string) => string | undefined;

const INTEGER = /^-?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function realDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

function typeCheck(column: ColumnSchema): FieldCheck {
  const type = column.type;
  switch (type.kind) {
    case 'INTEGER':
      return (value) => {
        if (!INTEGER.test(value)) return 'is not an INTEGER';
        const number = Number(value);
        return number < INT32_MIN || number > INT32_MAX ? 'is outside the INTEGER range' : undefined;
      };
    case 'BIGINT':
      return (value) => {
        if (!INTEGER.test(value)) return 'is not a BIGINT';
        const number = BigInt(value);
        return number < INT64_MIN || number > INT64_MAX ? 'is outside the BIGINT range' : undefined;
      };
    case 'DECIMAL': {
      const pattern = new RegExp(`^-?(\\d+)(?:\\.(\\d{1,${type.scale}}))?$`);
      return (value) => {
        const match = pattern.exec(value);
        if (!match) return `is not a ${column.typeText}`;
        const integerDigits = (match[1] as string).replace(/^0+(?=\d)/, '').length;
        return integerDigits > type.precision - type.scale ? `has too many digits for ${column.typeText}` : undefined;
      };
    }
    case 'VARCHAR':
      return (value) => ([...value].length > type.length ? `is longer than ${type.length} characters` : undefined);
    case 'DATE':
      return (value) => {
        const match = DATE.exec(value);
        return match && realDate(match[1] as string, match[2] as string, match[3] as string) ? undefined : 'is not a DATE (YYYY-MM-DD)';
      };
    case 'TIMESTAMP':
      return (value) => {
        const match = TIMESTAMP.exec(value);
        const valid =
          match !== null &&
          realDate(match[1] as string, match[2] as string, match[3] as string) &&
          Number(match[4]) < 24 &&
          Number(match[5]) < 60 &&
          Number(match[6]) < 60;
        return valid ? undefined : 'is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS)';
      };
    case 'BOOLEAN':
      return (value) => (value === 'true' || value === 'false' ? undefined : 'is not a BOOLEAN (true/false)');
  }
}

/** Compiles the checks of a column once: type, nullability, allowed values, min and max. */
export function compileFieldCheck(column: ColumnSchema): FieldCheck {
  const checkType = typeCheck(column);
  const allowed = column.allowedValues ? new Set(column.allowedValues) : undefined;
  const { min, max } = column;
  return (value) => {
    if (value === '') return column.nullable ? undefined : 'is NULL in a NOT NULL column';
    const typeProblem = checkType(value);
    if (typeProblem) return typeProblem;
    if (allowed && !allowed.has(value)) return 'is not one of the allowed values';
    if (min !== undefined && Number(value) < min) return `is below the minimum ${min}`;
    if (max !== undefined && Number(value) > max) return `is above the maximum ${max}`;
    return undefined;
  };
}
