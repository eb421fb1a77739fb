/**
 * The column header of a Hy-Tek result list ("Name Age Team Seed Time Finals Time Points",
 * "Team Relay Prelim Time Finals Time", "Name Yr School Seed Time Prelim Time", HTML "Name Age Team
 * Seed Finals Points"): where each column sits, and which round the list's result column holds.
 */
import type { Round } from "@splitstream/shared";
import type { Word } from "./hytek-words.ts";

export type TimeColumnKind = "seed" | "prelim" | "semi" | "final" | "points" | "score";

export interface TimeColumn {
  kind: TimeColumnKind;
  left: number;
  right: number;
}

export interface HytekHeader {
  /** Left edge of the name (or relay team) column. */
  nameLeft: number;
  /** The age or class-year column ("Age", "Yr"), when printed. */
  age: { left: number; right: number } | null;
  /** Left edge of the team column ("Team", "School"); for relays the team is the name column. */
  teamLeft: number | null;
  /** The relay letter column ("Relay"), when printed. */
  relay: { left: number; right: number } | null;
  /** Seed, prelim, semi, final and points columns, left to right. */
  times: TimeColumn[];
  /** True for relay lists (the first column is "Team"). */
  relayList: boolean;
  /** True for diving lists ("Finals Score"): no swims. */
  diving: boolean;
  /** The round of the right-most time column: finals after prelims, prelims after seeds, … */
  round: Round;
}

const TIME_LABELS: Array<[RegExp, TimeColumnKind]> = [
  [/^seed$/i, "seed"],
  [/^prelims?$/i, "prelim"],
  [/^semis?$/i, "semi"],
  [/^finals?$/i, "final"],
  [/^(points|pts)$/i, "points"],
];

/** Reads a column header from the line's words; null when the line is not one. */
export function readHytekHeader(words: Word[]): HytekHeader | null {
  const first = words[0];
  if (!first || !/^(name|team)$/i.test(first.str)) return null;
  const relayList = /^team$/i.test(first.str);
  let age: HytekHeader["age"] = null;
  let teamLeft: number | null = null;
  let relay: HytekHeader["relay"] = null;
  let diving = false;
  const times: TimeColumn[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (/^(age|yr|year|class|grade)$/i.test(word.str)) age = { left: word.x, right: word.right };
    else if (/^(team|school|club|affiliation)$/i.test(word.str)) teamLeft = word.x;
    else if (/^relay$/i.test(word.str)) relay = { left: word.x, right: word.right };
    else {
      const kind = TIME_LABELS.find(([pattern]) => pattern.test(word.str))?.[1];
      if (!kind) continue;
      // "Seed Time", "Finals Score": the second word widens the column to the right.
      const wide = next && /^(time|score)$/i.test(next.str);
      if (wide && /^score$/i.test(next.str)) diving = true;
      times.push({ kind, left: word.x, right: wide ? next.right : word.right });
      if (wide) i++;
    }
  }
  const results = times.filter((column) => column.kind !== "points");
  if (results.length === 0) return null;
  return {
    nameLeft: first.x,
    age,
    teamLeft,
    relay,
    times,
    relayList,
    diving,
    round: roundOf(results.map((column) => column.kind)),
  };
}

/** Timed finals print seed and finals; finals print prelims and finals; prelims print seed and prelims. */
function roundOf(kinds: TimeColumnKind[]): Round {
  const last = kinds[kinds.length - 1];
  if (last === "prelim") return "prelim";
  if (last === "semi") return "semi";
  if (last === "final" && kinds.some((kind) => kind === "prelim" || kind === "semi")) return "final";
  return "timed_final";
}

/** The time column whose right edge is nearest the word's (Hy-Tek right-aligns times under their label). */
export function nearestTimeColumn(word: Word, columns: TimeColumn[]): TimeColumn | null {
  let best: TimeColumn | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const column of columns) {
    const inside = word.right >= column.left - 2 && word.right <= column.right + 4;
    const distance = inside ? 0 : Math.abs(word.right - column.right);
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  }
  return best;
}
