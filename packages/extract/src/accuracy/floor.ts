/**
 * The accuracy floor: the lowest precision and recall the extractor may score on the corpus, per family
 * and measure, kept in a committed JSON file. CI fails below it; `--raise-floor` lifts it, never lowers it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** "family.measure.recall" (or ".precision") -> a fraction between 0 and 1. */
export type Figures = Record<string, number>;

export interface FloorBreach {
  key: string;
  floor: number;
  /** null when the run did not measure the figure at all (e.g. a family's PDFs were missing). */
  actual: number | null;
}

export function readFloor(file: string): Figures {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error(`${file}: expected an object of "family.measure.recall|precision": number`);
  const figures: Figures = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "number" || value < 0 || value > 1)
      throw new Error(`${file}: ${key} must be a number between 0 and 1`);
    figures[key] = value;
  }
  return figures;
}

/** Every floor figure the run falls short of; a figure the run did not measure falls short too. */
export function breaches(floor: Figures, actual: Figures): FloorBreach[] {
  return Object.entries(floor)
    .filter(([key, min]) => !(key in actual) || actual[key]! < min)
    .map(([key, min]) => ({ key, floor: min, actual: actual[key] ?? null }));
}

/** The floor lifted to today's figures where they are higher; figures below the floor keep the floor. */
export function raised(floor: Figures, actual: Figures): Figures {
  const next: Figures = { ...floor };
  for (const [key, value] of Object.entries(actual)) {
    // Rounded down so that float noise in a ratio can never make an unchanged run fall below it.
    const rounded = Math.floor(value * 10_000) / 10_000;
    if (rounded > (next[key] ?? -1)) next[key] = rounded;
  }
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
}

export function writeFloor(file: string, figures: Figures): void {
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}
