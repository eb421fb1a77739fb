/** Small arithmetic and formatting shared by the ingest benchmark's reports. */

/** 1 MB = 2^20 bytes, the unit MAX_FILE_MB uses. */
export const MB = 1024 * 1024;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value at quantile q (0..1) of already sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
export const ratio = (value: number) => value.toFixed(3);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
