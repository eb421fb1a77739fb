/** Milliseconds as a swim time is printed ("59.61", "2:02.70", "15:54.41"), for every place that shows one. */
export function formatSwimTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const hundredths = Math.floor((ms % 1000) / 10);
  const tail = `${String(seconds).padStart(minutes ? 2 : 1, "0")}.${String(hundredths).padStart(2, "0")}`;
  return minutes ? `${minutes}:${tail}` : tail;
}
