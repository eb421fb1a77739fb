/**
 * A relay swimmer's own leg: its time and its splits measured from the leg's start, from the leg time
 * the PDF prints or else from the team's cumulative splits at the leg's ends.
 */
import { formatSwimTime, type Split, type Swim } from "@splitstream/shared";

export interface OwnRelayLeg {
  order: number;
  /** The leg's own time, or null when the PDF prints neither a leg time nor the splits it follows from. */
  timeMs: number | null;
  time: string | null;
  /** Splits inside the leg, measured from the leg's start (a 100 leg: its 50). */
  splits: Split[];
}

export function ownRelayLeg(swim: Swim, order: number): OwnRelayLeg {
  const legCount = Math.max(4, ...swim.relayLegs.map((leg) => leg.order));
  const legDistance = swim.event.distance / legCount;
  const startDistance = (order - 1) * legDistance;
  const endDistance = order * legDistance;
  const cumulativeAt = (distance: number): number | null => {
    if (distance === 0) return 0;
    if (distance === swim.event.distance && swim.timeMs !== null) return swim.timeMs;
    return swim.splits.find((split) => split.distance === distance)?.timeMs ?? null;
  };
  const startMs = Number.isInteger(legDistance) ? cumulativeAt(startDistance) : null;
  const endMs = Number.isInteger(legDistance) ? cumulativeAt(endDistance) : null;
  const printed = swim.relayLegs.find((leg) => leg.order === order)?.timeMs ?? null;
  const fromSplits = startMs !== null && endMs !== null && endMs > startMs ? endMs - startMs : null;
  const timeMs = printed ?? fromSplits;
  const splits =
    startMs === null
      ? []
      : swim.splits
          .filter((split) => split.distance > startDistance && split.distance < endDistance)
          .map((split) => {
            const own = split.timeMs - startMs;
            return { distance: split.distance - startDistance, timeMs: own, time: formatSwimTime(own) };
          });
  return { order, timeMs, time: timeMs === null ? null : formatSwimTime(timeMs), splits };
}
