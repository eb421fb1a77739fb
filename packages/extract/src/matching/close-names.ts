/**
 * "Did you mean": the swimmers of a meet whose names come close to a query that found nobody — a
 * letter or two off, the first name alone, the parts swapped — with how many swims each has.
 */
import type { Swim } from "@splitstream/shared";
import { foldAccents } from "./person-name.ts";

export interface CloseName {
  name: string;
  swimCount: number;
  /** Smaller is closer: 0 same letters in another order or the first name alone, then edits. */
  distance: number;
}

const MAX_EDITS = 2;

export function closeNames(swims: readonly Swim[], query: string, limit = 5): CloseName[] {
  const queryTokens = tokensOf(query);
  if (queryTokens.length === 0) return [];
  const counts = new Map<string, number>();
  for (const swim of swims) {
    if (swim.event.relay) continue;
    counts.set(swim.name, (counts.get(swim.name) ?? 0) + 1);
  }
  const close: CloseName[] = [];
  for (const [name, swimCount] of counts) {
    const distance = nameDistance(queryTokens, tokensOf(name));
    if (distance !== null) close.push({ name, swimCount, distance });
  }
  return close
    .sort((a, b) => a.distance - b.distance || b.swimCount - a.swimCount || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Folded, lower-case word tokens: "Doe, Jane-Marie" -> ["doe", "jane", "marie"]. */
function tokensOf(name: string): string[] {
  return foldAccents(name)
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/** How far a printed name is from the query, or null when it is not close. */
function nameDistance(query: string[], printed: string[]): number | null {
  // First name (or surname) alone: the single token typed is one of the printed name's tokens.
  if (query.length === 1) {
    return printed.some((token) => editDistance(token, query[0]!, MAX_EDITS) === 0) ? 0 : null;
  }
  // Order does not matter ("Jane Doe" for "Doe, Jane"): compare the sorted tokens joined.
  const edits = editDistance([...query].sort().join(" "), [...printed].sort().join(" "), MAX_EDITS);
  if (edits !== null) return edits;
  // A middle name typed or printed on one side only: compare the tokens both sides share in length.
  if (query.length !== printed.length) {
    const [shorter, longer] = query.length < printed.length ? [query, printed] : [printed, query];
    let total = 0;
    for (const token of shorter) {
      const best = Math.min(
        ...longer.map((other) => editDistance(token, other, MAX_EDITS) ?? Number.POSITIVE_INFINITY),
      );
      total += best;
      if (total > MAX_EDITS) return null;
    }
    return total + 1;
  }
  return null;
}

/** Levenshtein distance, or null once it exceeds `max` (cheap for the long lists of a meet). */
export function editDistance(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return null;
    previous = current;
  }
  const distance = previous[b.length]!;
  return distance <= max ? distance : null;
}
