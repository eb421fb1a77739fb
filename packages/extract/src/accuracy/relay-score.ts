/** Scores relay legs against truth relays: each leg's swimmer (name at its order) and own leg time. */
import type { Swim } from "@splitstream/shared";
import { roundClassOf } from "./event-text.ts";
import { emptyTally, type Tally } from "./score.ts";
import { type EventFilter, nameKey, type TruthRelay } from "./truth.ts";

export interface RelayScore {
  /** Truth relays with a time, and how many of them were paired with an extracted relay swim. */
  relays: Tally;
  /** Legs whose swimmer is named right at the right order. */
  legNames: Tally;
  /** Legs whose own time is right (only legs the truth gives a time). */
  legTimes: Tally;
  misses: string[];
}

function relayFits(truth: TruthRelay, swim: Swim): boolean {
  if (truth.distance !== null && truth.distance !== swim.event.distance) return false;
  if (truth.stroke !== null && truth.stroke !== swim.event.stroke) return false;
  if (truth.round !== null && truth.round !== roundClassOf(swim.round)) return false;
  const gender = swim.event.gender ?? swim.gender;
  return truth.gender === null || gender === null || truth.gender === gender;
}

/** Words the truth's team and the extracted team share ("GBR - Great Britain" and "GBR"). */
function teamOverlap(truth: TruthRelay, swim: Swim): number {
  const words = new Set(nameKey(truth.team).split(" "));
  return nameKey(`${swim.team ?? ""} ${swim.name}`)
    .split(" ")
    .filter((w) => words.has(w)).length;
}

/**
 * Pairs each truth relay with an extracted relay swim of the same time and event (the team breaks a
 * tie), then compares legs at the same order. Precision counts the paired swims' legs only.
 */
export function scoreRelays(truths: TruthRelay[], extracted: Swim[], filter?: EventFilter): RelayScore {
  const relaySwims = extracted.filter(
    (s) =>
      s.event.relay &&
      (!filter ||
        filter(s.event.distance, s.event.stroke, roundClassOf(s.round), s.event.gender ?? s.gender)),
  );
  const used = new Set<Swim>();
  const relays = { ...emptyTally(), extracted: null };
  const legNames: Tally = { ...emptyTally(), extracted: 0 };
  const legTimes: Tally = { ...emptyTally(), extracted: 0 };
  const misses: string[] = [];
  for (const truth of truths) {
    if (truth.timeMs === null) continue;
    relays.truth++;
    const named = truth.legs.filter((l) => l.name !== null);
    const timed = truth.legs.filter((l) => l.timeMs !== null);
    legNames.truth += named.length;
    legTimes.truth += timed.length;
    const partner = relaySwims
      .filter((s) => !used.has(s) && s.timeMs === truth.timeMs && relayFits(truth, s))
      .sort((a, b) => teamOverlap(truth, b) - teamOverlap(truth, a))[0];
    if (!partner) {
      misses.push(
        `relay ${truth.team} | ${truth.distance ?? "?"} ${truth.stroke ?? "?"} | ${(truth.timeMs / 1000).toFixed(2)} (${truth.source})`,
      );
      continue;
    }
    used.add(partner);
    relays.found++;
    const legAt = (order: number) => partner.relayLegs.find((l) => l.order === order);
    if (named.length > 0) legNames.extracted! += partner.relayLegs.length;
    for (const leg of named) {
      if (nameKey(legAt(leg.order)?.name ?? "") === nameKey(leg.name!)) {
        legNames.found++;
        legNames.right++;
      } else
        misses.push(
          `leg ${leg.order} of ${truth.team}: ${leg.name} (extracted ${legAt(leg.order)?.name ?? "none"}) (${truth.source})`,
        );
    }
    for (const leg of timed) {
      const mine = legAt(leg.order)?.timeMs ?? null;
      if (mine === null) continue;
      legTimes.extracted!++;
      if (mine === leg.timeMs) {
        legTimes.found++;
        legTimes.right++;
      } else
        misses.push(
          `leg ${leg.order} time of ${truth.team}: ${(leg.timeMs! / 1000).toFixed(2)} (extracted ${(mine / 1000).toFixed(2)}) (${truth.source})`,
        );
    }
  }
  return { relays, legNames, legTimes, misses };
}
