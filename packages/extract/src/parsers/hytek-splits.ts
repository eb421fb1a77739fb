/**
 * Hy-Tek split lines under a result row: cumulative times with the interval in parentheses
 * ("52.49 (27.03)"), cumulative times alone, or lap times alone (USA Swimming, masters, the HTML report),
 * a leading reaction time ("r:+0.77") and "DQ" where a disqualified swim stopped. Times sit in fixed
 * right-aligned slots, so a blank slot is a missing split; this module turns them into cumulative splits.
 */
import type { ParsedSplit } from "./format-parser.ts";
import type { Word } from "./hytek-words.ts";
import { parseSwimTime } from "./swim-time.ts";

export interface SplitCell {
  /** Right edge of the cell (the interval in parentheses included): it names the slot. */
  right: number;
  /** The time, or null for "DQ". */
  ms: number | null;
  /** True when an interval in parentheses followed the time (the time is then cumulative). */
  interval: boolean;
}

export interface SplitLine {
  cells: SplitCell[];
  /** The lead-off reaction time ("r:+0.77"), when printed. */
  reaction: number | null;
}

const TIME = /^(?:\d{1,2}:){0,2}\d{1,2}\.\d{2}$/;
const REACTION = /^r:([+-]?\d+\.\d{2}|NRT|[A-Z]*)$/;
const PAREN = /^\(.*\)?$|^\)$/;

/** Reads a line of splits; null when the line holds anything but times, reactions and "DQ". */
export function readSplitLine(words: Word[]): SplitLine | null {
  const cells: SplitCell[] = [];
  let reaction: number | null = null;
  for (const word of words) {
    const react = REACTION.exec(word.str);
    if (react) {
      if (cells.length === 0 && reaction === null && /\d/.test(react[1]!)) reaction = Number(react[1]);
      continue;
    }
    if (TIME.test(word.str)) cells.push({ right: word.right, ms: parseSwimTime(word.str), interval: false });
    else if (word.str === "DQ") cells.push({ right: word.right, ms: null, interval: false });
    else if (PAREN.test(word.str) && cells.length > 0) {
      const last = cells[cells.length - 1]!;
      last.right = word.right;
      last.interval = true;
    } else return null;
  }
  return cells.some((cell) => cell.ms !== null) ? { cells, reaction } : null;
}

export interface SlotGrid {
  /** Right edges of the slots, left to right. */
  rights: number[];
  /** Slots a full line holds; a long race's last line can hold one more (a 1650's 33rd split). */
  perLine: number;
}

/**
 * The slot positions of a layout: right edges that recur across its split lines, left to right; and
 * how many slots a full line holds, from the lines that another line follows.
 */
export function slotGrid(rights: number[], fullLines: number[][]): SlotGrid {
  const sorted = [...rights].sort((a, b) => a - b);
  const clusters: Array<{ sum: number; count: number; last: number }> = [];
  for (const right of sorted) {
    const current = clusters[clusters.length - 1];
    if (current && right - current.last <= 3) {
      current.sum += right;
      current.count++;
      current.last = right;
    } else clusters.push({ sum: right, count: 1, last: right });
  }
  // A slot recurs; a lone right edge is a stray cell, not a column.
  const minimum = sorted.length >= 20 ? 2 : 1;
  const slots = clusters.filter((c) => c.count >= minimum).map((c) => c.sum / c.count);
  let perLine = 0;
  for (const line of fullLines)
    for (const right of line) perLine = Math.max(perLine, nearest(slots, right) + 1);
  return { rights: slots, perLine: perLine || Math.max(1, slots.length) };
}

function nearest(slots: number[], right: number): number {
  let slot = 0;
  let best = Number.POSITIVE_INFINITY;
  slots.forEach((at, index) => {
    if (Math.abs(at - right) < best) {
      best = Math.abs(at - right);
      slot = index;
    }
  });
  return slot;
}

/** The slot of each cell, counting on from line to line (each line holds one row of the grid). */
export function slotValues(lines: SplitLine[], grid: SlotGrid): Map<number, number | null> {
  const values = new Map<number, number | null>();
  lines.forEach((line, row) => {
    line.cells.forEach((cell, i) => {
      const slot = nearest(grid.rights, cell.right);
      const off = grid.rights.length === 0 || Math.abs(grid.rights[slot]! - cell.right) > 6;
      values.set(row * grid.perLine + (off ? i : slot), cell.ms);
    });
  });
  return values;
}

export type SplitStyle = "cumulative" | "laps";

/** Cumulative or laps, when the row itself tells: parentheses, the last split equal to the time, or laps that add up. */
export function styleOf(
  lines: SplitLine[],
  values: Map<number, number | null>,
  final: number | null,
): SplitStyle | null {
  if (lines.some((line) => line.cells.some((cell) => cell.interval))) return "cumulative";
  const known = [...values.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, ms]) => (ms === null ? [] : [ms]));
  if (known.length === 0) return null;
  if (final !== null) {
    if (known[known.length - 1] === final && known.length > 1) return "cumulative";
    const sum = known.reduce((total, ms) => total + ms, 0);
    if (Math.abs(sum - final) <= lapSlack(known.length)) return "laps";
    if (known[known.length - 1] === final) return "cumulative";
  }
  // A time no larger than the one before cannot be cumulative.
  if (known.some((ms, i) => i > 0 && ms <= known[i - 1]!)) return "laps";
  return null;
}

/** How far printed laps may add up away from the time: each lap is rounded to the hundredth. */
function lapSlack(laps: number): number {
  return laps * 10;
}

/** The split interval a row's slot count gives for the race distance (25, 50 or 100), else null. */
export function intervalOf(distance: number, slots: number): number | null {
  if (slots <= 0) return null;
  const interval = distance / slots;
  return [25, 50, 100].includes(interval) ? interval : null;
}

/** Cumulative splits from slot values read in the given style and interval; the final time is added last. */
export function cumulativeSplits(
  values: Map<number, number | null>,
  style: SplitStyle,
  interval: number,
  distance: number,
  final: number | null,
): ParsedSplit[] {
  const slots = Math.round(distance / interval);
  const byDistance = new Map<number, number>();
  if (style === "cumulative") {
    for (const [slot, ms] of values) {
      // The finish may come early when a split is missing: it is the finish, not that slot's split.
      if (ms === null || slot >= slots || ms === final) continue;
      byDistance.set((slot + 1) * interval, ms);
    }
  } else {
    const laps: Array<number | null> = Array.from({ length: slots }, (_, i) =>
      values.has(i) ? values.get(i)! : null,
    );
    const present = laps.filter((ms) => ms !== null).length;
    const count = Math.max(0, ...values.keys()) + 1;
    if (count < slots && final !== null && !laps.slice(0, count).includes(null)) {
      // Fewer laps than lengths, adding up to the time: a missed touch printed two laps as one.
      return mergedLaps(laps.slice(0, count) as number[], slots, interval, final);
    }
    let total = 0;
    for (let i = 0; i < slots; i++) {
      const ms = laps[i];
      if (ms === null || ms === undefined) break;
      total += ms;
      byDistance.set((i + 1) * interval, total);
    }
    // After a missing lap the splits still follow back from the final time.
    if (final !== null && present > 0 && laps[slots - 1] !== null && laps[slots - 1] !== undefined) {
      let back = final;
      for (let i = slots - 1; i >= 0; i--) {
        if (!byDistance.has((i + 1) * interval)) byDistance.set((i + 1) * interval, back);
        const ms = laps[i];
        if (ms === null || ms === undefined) break;
        back -= ms;
      }
    }
  }
  return finishSplits(plausible(byDistance, interval, distance, final), distance, final);
}

/** Laps where the longest stand for two lengths each, when that makes them as many as the lengths. */
function mergedLaps(laps: number[], slots: number, interval: number, final: number): ParsedSplit[] {
  const sum = laps.reduce((total, ms) => total + ms, 0);
  if (Math.abs(sum - final) > lapSlack(laps.length)) return [];
  const missing = slots - laps.length;
  const sorted = [...laps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const doubles = laps
    .map((ms, i) => ({ ms, i }))
    .filter((lap) => lap.ms > median * 1.6)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, missing)
    .map((lap) => lap.i);
  if (doubles.length !== missing) return [];
  const splits: ParsedSplit[] = [];
  let total = 0;
  let lengths = 0;
  laps.forEach((ms, i) => {
    total += ms;
    lengths += doubles.includes(i) ? 2 : 1;
    splits.push({ distance: lengths * interval, timeMs: total });
  });
  return finishSplits(new Map(splits.map((s) => [s.distance, s.timeMs])), slots * interval, final);
}

/** Drops splits that cannot be: not after the one before, or a length faster than 40% of the race's pace. */
function plausible(
  byDistance: Map<number, number>,
  interval: number,
  distance: number,
  final: number | null,
): Map<number, number> {
  const pace = final !== null ? (final / distance) * interval : null;
  const kept = new Map<number, number>();
  let lastDistance = 0;
  let lastMs = 0;
  for (const [at, ms] of [...byDistance.entries()].sort((a, b) => a[0] - b[0])) {
    const lengths = (at - lastDistance) / interval;
    const tooFast = pace !== null && (ms - lastMs) / lengths < pace * 0.4;
    if (ms <= lastMs || tooFast || (final !== null && ms > final)) continue;
    kept.set(at, ms);
    lastDistance = at;
    lastMs = ms;
  }
  return kept;
}

/** Ends the splits with the finish (the one split of a one-length 50); a longer swim's finish alone is none. */
export function finishSplits(
  byDistance: Map<number, number>,
  distance: number,
  final: number | null,
): ParsedSplit[] {
  const splits = new Map([...byDistance].filter(([at]) => at <= distance));
  if (final !== null && (splits.size > 0 || distance === 50)) splits.set(distance, final);
  if (distance !== 50 && splits.size === 1 && splits.has(distance)) splits.clear();
  return [...splits.entries()].sort((a, b) => a[0] - b[0]).map(([at, timeMs]) => ({ distance: at, timeMs }));
}
