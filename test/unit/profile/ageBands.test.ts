import { describe, expect, it } from 'vitest';
import { ageAt, ageBand } from '../../../src/profile/ageBands.js';

describe('ageAt', () => {
  it.each([
    ['1990-06-15', '2024-06-14 23:59:59', 33],
    ['1990-06-15', '2024-06-15 00:00:00', 34],
    ['1990-06-15', '2024-07-01', 34],
    ['1990-06-15', '2024-05-31', 33],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-29', 24],
  ])('born %s, at %s: %d', (birth, when, age) => {
    expect(ageAt(birth, when)).toBe(age);
  });
});

describe('ageBand', () => {
  it.each([
    [17, '<18'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [64, '55-64'],
    [75, '75-90'],
    [90, '75-90'],
    [91, '>90'],
  ])('%d is in %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});
