/**
 * Reads Splash Meet Manager event titles and round labels in English and Dutch: "Event 3 | Women,
 * 400m Medley | Open", the continuation form "Event 3, Women, 400m Medley, Prelim, Open",
 * "Programmanr. 19 | Dames, 400m vrije slag" and "Results Semifinals" / "Resultaten Voorronde".
 * A title whose stroke it cannot read (kick, technique, special classes) is still a title.
 */
import type { Round, Stroke } from "@splitstream/shared";
import type { Line } from "../pdf/text-layout.ts";
import type { ParsedEvent } from "./format-parser.ts";

export interface SplashTitle {
  number: string;
  /** The title as printed, without its number: "Women, 400m Medley, Open". */
  name: string;
  /** Null when not even a distance can be read: the event's rows cannot be used. */
  event: ParsedEvent | null;
  /** Round named in the title itself (continuation titles), else null. */
  round: Round | null;
  /** The round as named when `round` cannot tell it ("Final B"), else null. */
  roundLabel: string | null;
  /** True for the "Event 3, Women, …" form repeated at the top of a continuation page. */
  continued: boolean;
}

const NUMBER =
  /^(?:Event|Programmanr\.?|Programma|Wedstrijd|Nummer|Afstand|Épreuve|Epreuve|Wettkampf)\s*(\d+)\b[,.]?\s*(.*)$/i;
const DISTANCE = /(?:(\d)\s*[x×]\s*)?(\d{2,4})\s*m\b/i;

// Events swum with part of a stroke or with kit: their stroke words ("Freistil Beine") are no stroke.
const PART_STROKE =
  /\b(kick|beine|beinschlag|benen|legs|jambes|arms?|arme|armen|bras|techni\w*|fins|flossen|vinnen|palmes|board|brett|plank|streamline|underwater|tauchen)\b/i;

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

/** The printed round when `round` alone cannot tell it: "Final B", "B-Final", "Swim-off", "Hoffnungslauf". */
export function roundLabelOf(text: string): string | null {
  const t = text.trim();
  const named =
    /\b(final|finale|finals)\s+[A-D]\b|\b[A-D][- ]?(final|finale)\b|swim-?\s?off|barrage|hoffnungslauf|time trial|zeitlauf|skins/i;
  return named.test(t) ? t : null;
}

export function genderFromWords(text: string): ParsedEvent["gender"] {
  if (MIXED.test(text)) return "X";
  if (FEMALE.test(text)) return "F";
  if (MALE.test(text)) return "M";
  return null;
}

/** The event a title describes; stroke "other" when it names none we know; null without a distance. */
function eventOf(
  number: string,
  name: string,
  description: string,
  ageGroup: string | null,
): ParsedEvent | null {
  const distance = DISTANCE.exec(description);
  if (!distance) return null;
  const stroke = PART_STROKE.test(description)
    ? "other"
    : (STROKES.find(([pattern]) => pattern.test(description))?.[1] ?? "other");
  const relay = distance[1] !== undefined || /relay|estafette|aflossing|relais|staffel/i.test(description);
  const legs = distance[1] ? Number(distance[1]) : 1;
  const relayStroke = stroke === "im" ? "medley_relay" : stroke === "other" ? "other" : "free_relay";
  return {
    number,
    name,
    distance: Number(distance[2]) * legs,
    stroke: relay ? relayStroke : stroke,
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
    // The description runs to the distance; without one, the round (if any) ends it.
    let strokeIndex = parts.findIndex((part) => DISTANCE.test(part));
    if (strokeIndex < 0)
      strokeIndex = Math.max(0, parts.findIndex((part, i) => i > 0 && isRoundPart(part)) - 1);
    const description = parts.slice(0, strokeIndex + 1).join(", ");
    let round: Round | null = null;
    let roundLabel: string | null = null;
    const groups: string[] = [];
    for (const part of parts.slice(strokeIndex + 1)) {
      if (round === null && isRoundPart(part)) {
        round = roundFromWords(part);
        roundLabel = roundLabelOf(part);
      } else groups.push(part);
    }
    const name = [description, ...groups].join(", ");
    const event = eventOf(number, name, description, groups.join(", ") || null);
    return { number, name, event, round, roundLabel, continued: true };
  }
  const others = line.items.slice(1).map((item) => item.str.trim());
  const description = [restOfFirst, others[0] ?? ""].filter(Boolean).join(" ");
  const ageGroup = others.slice(1).join(" ").trim() || null;
  const name = [description, ageGroup].filter(Boolean).join(", ");
  const event = eventOf(number, name, description, ageGroup);
  // One cell without commas or distance is no title ("Event 2024 Invitational" as a meet name).
  if (!event && line.items.length === 1) return null;
  return { number, name, event, round: null, roundLabel: null, continued: false };
}

function isRoundPart(part: string): boolean {
  return roundFromWords(part) !== null && part.split(" ").length <= 2;
}
