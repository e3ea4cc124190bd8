// Small numeric helpers shared by the bench modules.

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value, digits = 2) => Number(value.toFixed(digits));
export const thousands = (value) => Math.round(value).toLocaleString('en-US');
