/**
 * Reads Splash Meet Manager event titles and round labels in English and Dutch: "Event 3 | Women,
 * 400m Medley | Open", the continuation form "Event 3, Women, 400m Medley, Prelim, Open",
 * "Programmanr. 19 | Dames, 400m vrije slag" and "Results Semifinals" / "Resultaten Voorronde".
 */
import type { Round, Stroke } from "@splitstream/shared";
import type { Line } from "../pdf/text-layout.ts";
import type { ParsedEvent } from "./format-parser.ts";

export interface SplashTitle {
  event: ParsedEvent;
  /** Round named in the title itself (continuation titles), else null. */
  round: Round | null;
  /** True for the "Event 3, Women, …" form repeated at the top of a continuation page. */
  continued: boolean;
}

const NUMBER =
  /^(?:Event|Programmanr\.?|Programma|Wedstrijd|Nummer|Afstand|Épreuve|Epreuve|Wettkampf)\s*(\d+)\b[,.]?\s*(.*)$/i;
const DISTANCE = /(?:(\d)\s*[x×]\s*)?(\d{2,4})\s*m\b/i;

const STROKES: Array<[RegExp, Stroke]> = [
  [/medley|wissel|\bIM\b|4 nages|lagen/i, "im"],
  [/free|vrije|vrij\b|nage libre|libre|freistil|crawl/i, "free"],
  [/back|rug|dos\b|rücken/i, "back"],
  [/breast|school|brasse|brust/i, "breast"],
  [/fly|butterfly|vlinder|papillon|schmetterling|delfin/i, "fly"],
];

const FEMALE = /\b(women|girls|ladies|female|dames|meisjes|vrouwen|damen|mädchen|filles)\b/i;
const MALE = /\b(men|boys|male|heren|jongens|mannen|herren|knaben|garçons|hommes)\b/i;
const MIXED = /\b(mixed|gemengd|mixte|mix)\b/i;

/** Round words of result headings and continuation titles; null when none is named. */
export function roundFromWords(text: string): Round | null {
  const t = text.toLowerCase();
  if (/swim-?\s?off|barrage/.test(t)) return "swimoff";
  if (/semi|halve finale|halbfinale|demi/.test(t)) return "semi";
  if (/prelim|heats?\b|series|séries|voorronde|voorwedstrijd|reeks|vorlauf/.test(t)) return "prelim";
  if (/final|finale|finals|finales/.test(t)) return "final";
  if (/timed final|direct/.test(t)) return "timed_final";
  return null;
}

export function genderFromWords(text: string): ParsedEvent["gender"] {
  if (MIXED.test(text)) return "X";
  if (FEMALE.test(text)) return "F";
  if (MALE.test(text)) return "M";
  return null;
}

function eventOf(number: string, description: string, ageGroup: string | null): ParsedEvent | null {
  const distance = DISTANCE.exec(description);
  if (!distance) return null;
  const stroke = STROKES.find(([pattern]) => pattern.test(description))?.[1];
  if (!stroke) return null;
  const relay = distance[1] !== undefined || /relay|estafette|aflossing|relais|staffel/i.test(description);
  const legs = distance[1] ? Number(distance[1]) : 1;
  return {
    number,
    distance: Number(distance[2]) * legs,
    stroke: relay ? (stroke === "im" ? "medley_relay" : "free_relay") : stroke,
    relay,
    ageGroup,
    gender: genderFromWords(description),
    course: null,
  };
}

/** Parses an event title line; null when the line is not one. */
export function parseSplashTitle(line: Line): SplashTitle | null {
  const first = line.items[0];
  if (!first) return null;
  const match = NUMBER.exec(first.str.trim());
  if (!match) return null;
  const number = match[1]!;
  const restOfFirst = (match[2] ?? "").trim();
  if (line.items.length === 1 && restOfFirst.includes(",")) {
    // Continuation form: "Women, 400m Medley, Prelim, Open" — round and age group are optional parts.
    const parts = restOfFirst
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const strokeIndex = parts.findIndex((part) => DISTANCE.test(part));
    if (strokeIndex < 0) return null;
    const description = parts.slice(0, strokeIndex + 1).join(", ");
    let round: Round | null = null;
    const groups: string[] = [];
    for (const part of parts.slice(strokeIndex + 1)) {
      const named = roundFromWords(part);
      if (named && round === null && part.split(" ").length <= 2) round = named;
      else groups.push(part);
    }
    const event = eventOf(number, description, groups.join(", ") || null);
    return event ? { event, round, continued: true } : null;
  }
  const others = line.items.slice(1).map((item) => item.str.trim());
  const description = [restOfFirst, others[0] ?? ""].filter(Boolean).join(" ");
  const ageGroup = others.slice(1).join(" ").trim() || null;
  const event = eventOf(number, description, ageGroup);
  return event ? { event, round: null, continued: false } : null;
}
