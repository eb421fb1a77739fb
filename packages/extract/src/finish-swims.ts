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
  // The fields are added to the copy the destructuring made, in the order a literal spreading it
  // would have them: a second copy of every swim cost a third of the parsing time on large meets.
  const swim = rest as Partial<Swim>;
  swim.event = { ...event, name: event.name ?? null };
  swim.roundLabel = roundLabel ?? null;
  swim.tie = tie ?? false;
  swim.time = parsed.timeMs === null ? null : formatSwimTime(parsed.timeMs);
  swim.timeAsPrinted = time;
  swim.seedTime = seedMs === null ? null : formatSwimTime(seedMs);
  swim.seedTimeAsPrinted = seedTime;
  swim.splits = splits.map((split) => ({ ...split, time: formatSwimTime(split.timeMs) }));
  swim.relayLegs = relayLegs.map((leg) => ({
    ...leg,
    time: leg.timeMs === null ? null : formatSwimTime(leg.timeMs),
  }));
  swim.date = swimDate ?? meet.startDate;
  swim.dateIsMeetStart = swimDate === null;
  return swim as Swim;
}
