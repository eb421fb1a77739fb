/**
 * Turns what a parser read into the output contract: every time in one canonical form (the printed
 * form kept beside it), every swim dated, and the facts a layout did not print set to their defaults.
 */
import { formatSwimTime, type Meet, type Swim } from "@splitstream/shared";
import type { ParsedSwim } from "./parsers/format-parser.ts";
import { parseSwimTime } from "./parsers/swim-time.ts";

export function finishSwims(meet: Meet, swims: readonly ParsedSwim[]): Swim[] {
  return swims.map((swim) => finishSwim(meet, swim));
}

function finishSwim(meet: Meet, parsed: ParsedSwim): Swim {
  const { tie, roundLabel, date, event, time, seedTime, splits, relayLegs, ...rest } = parsed;
  const seedMs = seedTime === null ? null : parseSwimTime(seedTime);
  const swimDate = date ?? null;
  return {
    ...rest,
    event: { ...event, name: event.name ?? null },
    roundLabel: roundLabel ?? null,
    tie: tie ?? false,
    time: parsed.timeMs === null ? null : formatSwimTime(parsed.timeMs),
    timeAsPrinted: time,
    seedTime: seedMs === null ? null : formatSwimTime(seedMs),
    seedTimeAsPrinted: seedTime,
    splits: splits.map((split) => ({ ...split, time: formatSwimTime(split.timeMs) })),
    relayLegs: relayLegs.map((leg) => ({
      ...leg,
      time: leg.timeMs === null ? null : formatSwimTime(leg.timeMs),
    })),
    date: swimDate ?? meet.startDate,
    dateIsMeetStart: swimDate === null,
  };
}
