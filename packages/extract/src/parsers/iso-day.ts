/** A printed day as an ISO date ("2019-11-30"), or null when the parts cannot be a day. */
export function isoDay(year: number | string, month: number | string, day: number | string): string | null {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
