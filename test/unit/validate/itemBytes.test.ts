// order_items' DECIMALs read from bytes (byteFields.decimalCents) give the cents parseCents gives their
// text, and cents / 100 the double the column's min/max check compares (Number(text)); anything the
// byte path is not sure of reads NaN (the string checks then report it).
import { describe, expect, it } from 'vitest';
import { decimalCents } from '../../../src/validate/byteFields.js';
import { parseCents } from '../../../src/validate/valueParsers.js';

function cents(text: string, wholeDigits = 8): number {
  const bytes = Buffer.from(`9,${text},x`, 'latin1');
  return decimalCents(bytes, 2, 2 + text.length, wholeDigits);
}

describe('decimalCents', () => {
  it('reads plain decimals of up to two places as parseCents does, cents / 100 being Number(text)', () => {
    for (const text of ['0', '0.5', '0.01', '0.00', '7', '12.5', '12.50', '99999999.99', '1234.05', '10']) {
      expect(cents(text), text).toBe(parseCents(text));
      expect(cents(text) / 100, text).toBe(Number(text));
    }
  });

  it('declines signs, leading zeros, three places, a bare point, other characters and too many whole digits', () => {
    for (const text of ['', '-1.00', '+1', '01.50', '00', '1.999', '1.', '.5', '1,5', '1e3', ' 1', '1 ', '1.5a', '123456789.00']) {
      expect(cents(text), text).toBeNaN();
    }
    expect(cents('123456789.00', 9)).toBe(12345678900);
  });

  it('reads NaN past the 17 characters parseCents reads, whatever the width of the column (a wide DECIMAL)', () => {
    for (const text of ['12345678901234.56', '123456789012345.6', '123456789012345.67', '1234567890123456.7', '123456789012345678']) {
      expect(cents(text, 18), text).toBe(parseCents(text));
    }
    expect(cents('12345678901234.56', 18)).toBe(1234567890123456);
    expect(cents('123456789012345.67', 18)).toBeNaN();
  });
});
