/** Whole cents of a decimal money text (`12.34`, `-0.50`): sums of cents stay exact where sums of dollars drift. */
export function cents(text: string): number {
  return Math.round(Number(text) * 100);
}
