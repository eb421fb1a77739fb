/** The fastest valid individual swim per (distance, stroke, course), dated by the day of that swim. */
import type { PersonalBest, ResultSwim } from "@splitstream/shared";

/** Relays (a leg is not an individual swim) and events the parser could not name do not count. */
function countsAsBest(swim: ResultSwim): swim is ResultSwim & { timeMs: number; time: string } {
  return (
    !swim.event.relay &&
    swim.event.stroke !== "other" &&
    swim.status === "OK" &&
    swim.timeMs !== null &&
    swim.time !== null
  );
}

export function personalBests(swims: readonly ResultSwim[]): PersonalBest[] {
  const best = new Map<string, ResultSwim & { timeMs: number; time: string }>();
  for (const swim of swims) {
    if (!countsAsBest(swim)) continue;
    const key = `${swim.event.distance}|${swim.event.stroke}|${swim.course ?? "?"}`;
    const current = best.get(key);
    // On a tie the earlier swim is the best: it was done first.
    if (
      !current ||
      swim.timeMs < current.timeMs ||
      (swim.timeMs === current.timeMs && earlier(swim, current))
    )
      best.set(key, swim);
  }
  return [...best.values()]
    .map((swim) => ({
      distance: swim.event.distance,
      stroke: swim.event.stroke,
      course: swim.course,
      timeMs: swim.timeMs,
      time: swim.time,
      meetName: swim.meet.name,
      date: swim.date,
      dateIsMeetStart: swim.dateIsMeetStart,
      jobId: swim.jobId,
    }))
    .sort(
      (a, b) =>
        a.stroke.localeCompare(b.stroke) ||
        a.distance - b.distance ||
        (a.course ?? "").localeCompare(b.course ?? ""),
    );
}

function earlier(a: ResultSwim, b: ResultSwim): boolean {
  return (a.date ?? "9999") < (b.date ?? "9999");
}
