/** The bands the profile reports ages in (years, both ends inclusive), as the config's age_bands are. */
const AGE_BANDS: readonly (readonly [number, number])[] = [[18, 24], [25, 34], [35, 44], [45, 54], [55, 64], [65, 74], [75, 90]];

/** `18-24` style label of an age; ages outside every band (which the data should never hold) show as `<18` or `>90`. */
export function ageBand(age: number): string {
  const band = AGE_BANDS.find(([low, high]) => age >= low && age <= high);
  return band ? `${band[0]}-${band[1]}` : age < 18 ? '<18' : '>90';
}

/** Whole years from a `YYYY-MM-DD` birth date to the date starting `when` (a date or timestamp). */
export function ageAt(birth: string, when: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [wy, wm, wd] = when.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Not yet had this year's birthday: one year younger.
  return wy - by - (wm < bm || (wm === bm && wd < bd) ? 1 : 0);
}
