/** Scores extracted swims against truth swims: precision and recall of swims, places, splits and statuses. */
import type { Swim, SwimStatus } from "@splitstream/shared";
import { roundClassOf } from "./event-text.ts";
import { type EventFilter, nameKey, type TruthSwim } from "./truth.ts";

/** Counts behind one precision/recall pair; precision is null when the truth is not complete. */
export interface Tally {
  /** Truth items found. */
  found: number;
  /** Truth items. */
  truth: number;
  /** Extracted items that are right. */
  right: number;
  /** Extracted items considered (null: precision not measured). */
  extracted: number | null;
}

export interface Score {
  swims: Tally;
  places: Tally;
  splits: Tally;
  statuses: Tally;
  /** Matched swims whose extracted `date` is the true day, among truth swims with a known day. */
  dates: Tally;
  /** Matched swims with a known true day whose date is only the meet's start (`dateIsMeetStart`). */
  datesFromMeetStart: number;
  misses: string[];
  /** Extracted swims with no truth partner (complete truths only). */
  extras: string[];
}

export function emptyTally(): Tally {
  return { found: 0, truth: 0, right: 0, extracted: 0 };
}

export function addTally(into: Tally, from: Tally): void {
  into.found += from.found;
  into.truth += from.truth;
  // Precision pools only truths that measured it, or subset truths' hits would push it past 100%.
  if (from.extracted === null) return;
  into.right += from.right;
  into.extracted = (into.extracted ?? 0) + from.extracted;
}

export function recall(t: Tally): number | null {
  return t.truth === 0 ? null : t.found / t.truth;
}

export function precision(t: Tally): number | null {
  return t.extracted === null || t.extracted === 0 ? null : t.right / t.extracted;
}

const NOT_STARTED: ReadonlySet<SwimStatus> = new Set(["DNS", "SCR", "NS"]);
function sameStatus(a: SwimStatus, b: SwimStatus): boolean {
  return a === b || (NOT_STARTED.has(a) && NOT_STARTED.has(b));
}

function eventFits(truth: TruthSwim, swim: Swim): boolean {
  if (truth.distance !== null && truth.distance !== swim.event.distance) return false;
  if (truth.stroke !== null && truth.stroke !== swim.event.stroke) return false;
  if (truth.round !== null && truth.round !== roundClassOf(swim.round)) return false;
  const gender = swim.event.gender ?? swim.gender;
  if (truth.gender !== null && gender !== null && truth.gender !== gender) return false;
  return true;
}

/** Split items both sides share; extracted splits are read as cumulative or, if that fits better, as laps. */
function splitOverlap(truth: TruthSwim, swim: Swim): { shared: number; extracted: number } {
  if (truth.splits.length === 0) return { shared: 0, extracted: 0 };
  const want = new Set(truth.splits.map((s) => `${s.distance}:${s.timeMs}`));
  const asIs = swim.splits.map((s) => `${s.distance}:${s.timeMs}`);
  let total = 0;
  const asLaps = [...swim.splits]
    .sort((a, b) => a.distance - b.distance)
    .map((s) => {
      total += s.timeMs;
      return `${s.distance}:${total}`;
    });
  // Truth may list fewer split points (DSV records 50 m splits only): compare at its distances.
  const distances = new Set(truth.splits.map((s) => s.distance));
  const count = (keys: string[]) => keys.filter((k) => want.has(k)).length;
  const considered = swim.splits.filter((s) => distances.has(s.distance)).length;
  return { shared: Math.max(count(asIs), count(asLaps)), extracted: considered };
}

function describeTruth(t: TruthSwim): string {
  const event = [t.distance ?? "?", t.stroke ?? "?", t.round ?? ""].join(" ").trim();
  const what = t.status === "OK" ? (t.timeMs === null ? "no time" : (t.timeMs / 1000).toFixed(2)) : t.status;
  return `${t.name} | ${event} | ${what} | place ${t.place ?? "-"} (${t.source})`;
}

function describeSwim(s: Swim): string {
  return `${s.name} | ${s.event.distance} ${s.event.stroke} ${s.round} | ${s.time ?? s.status} | place ${s.place ?? "-"} (page ${s.page})`;
}

/**
 * Pairs each truth swim with an unused extracted individual swim of the same swimmer (name key),
 * time and, where the truth says, event and round; statuses pair on swimmer and event instead.
 */
export function scoreSwims(
  truths: TruthSwim[],
  extracted: Swim[],
  complete: boolean,
  filter?: EventFilter,
  /** Extracted statuses the truth source cannot hold, left out of status precision. */
  unscoredStatuses: ReadonlySet<SwimStatus> = new Set(),
): Score {
  const individual = extracted.filter(
    (s) =>
      !s.event.relay &&
      (!filter ||
        filter(s.event.distance, s.event.stroke, roundClassOf(s.round), s.event.gender ?? s.gender)),
  );
  const byKey = new Map<string, Swim[]>();
  for (const swim of individual) {
    if (swim.timeMs === null) continue;
    const key = `${nameKey(swim.name)}|${swim.timeMs}`;
    const list = byKey.get(key);
    if (list) list.push(swim);
    else byKey.set(key, [swim]);
  }
  const used = new Set<Swim>();
  const swims: Tally = {
    ...emptyTally(),
    extracted: complete ? individual.filter((s) => s.timeMs !== null).length : null,
  };
  const places: Tally = { ...emptyTally(), extracted: 0 };
  const splits: Tally = { ...emptyTally(), extracted: 0 };
  const statuses: Tally = {
    ...emptyTally(),
    extracted: complete
      ? individual.filter((s) => s.status !== "OK" && s.status !== "EXH" && !unscoredStatuses.has(s.status))
          .length
      : null,
  };
  const dates: Tally = { ...emptyTally(), extracted: 0 };
  let datesFromMeetStart = 0;
  const misses: string[] = [];

  for (const truth of truths) {
    if (truth.timeMs === null) continue;
    swims.truth++;
    if (truth.place !== null) places.truth++;
    const day = truth.day ?? null;
    if (day !== null) dates.truth++;
    splits.truth += truth.splits.length;
    const candidates = (byKey.get(`${nameKey(truth.name)}|${truth.timeMs}`) ?? []).filter(
      (s) => !used.has(s) && eventFits(truth, s),
    );
    // The same swimmer and time can appear in two lists of one event (Open and Junior): the place says which.
    const partner = candidates.find((s) => s.place === truth.place) ?? candidates[0];
    if (!partner) {
      misses.push(describeTruth(truth));
      continue;
    }
    used.add(partner);
    swims.found++;
    swims.right++;
    if (partner.place !== null) places.extracted!++;
    if (truth.place !== null && partner.place === truth.place) {
      places.found++;
      places.right++;
    }
    if (day !== null && partner.date !== null) {
      dates.extracted!++;
      if (partner.dateIsMeetStart) datesFromMeetStart++;
      if (partner.date === day) {
        dates.found++;
        dates.right++;
      }
    }
    const overlap = splitOverlap(truth, partner);
    splits.found += overlap.shared;
    splits.right += overlap.shared;
    splits.extracted! += overlap.extracted;
  }

  const statusUsed = new Set<Swim>();
  for (const truth of truths) {
    if (truth.status === "OK" || truth.status === "EXH") continue;
    statuses.truth++;
    const key = nameKey(truth.name);
    const partner = individual.find(
      (s) =>
        !statusUsed.has(s) &&
        s.status !== "OK" &&
        nameKey(s.name) === key &&
        (truth.anyNotOk || sameStatus(s.status, truth.status)) &&
        eventFits(truth, s),
    );
    if (partner) {
      statusUsed.add(partner);
      statuses.found++;
      statuses.right++;
    } else misses.push(describeTruth(truth));
  }

  const extras = complete
    ? individual.filter((s) => s.timeMs !== null && !used.has(s)).map(describeSwim)
    : [];
  return { swims, places, splits, statuses, dates, datesFromMeetStart, misses, extras };
}
