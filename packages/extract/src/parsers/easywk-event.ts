/** Reads EasyWk (German) event titles such as "Wettkampf 41 - 50m Freistil weiblich (Vorlauf)". */
import type { Course, Round, Stroke } from "@splitstream/shared";
import type { ParsedEvent } from "./format-parser.ts";

export interface EasyWkEventTitle {
  event: ParsedEvent;
  round: Round;
  /** The printed round where `round` alone cannot tell it apart ("A-Finale", "Hoffnungslauf"). */
  roundLabel: string | null;
}

/** A line with the shape of an event title, read as far as it can be. */
export interface EasyWkTitleLine {
  number: string;
  /** The title after "Wettkampf N -", as printed. */
  name: string;
  /** "noch": the title repeated at the top of a continuation page. */
  continued: boolean;
  /** Null when not even a distance can be read: that event's rows cannot be placed. */
  title: EasyWkEventTitle | null;
}

// The event-title shape, whatever follows the number: the rest decides what can be read.
const TITLE_SHAPE = /^(noch\s+)?Wettkampf\s+(\d+)\s*[-–:]\s*(.+)$/i;
// "4x50m", "4 x 50 m", or a single distance "100m".
const DISTANCE = /(?:(?<!\d)(\d)\s*[x×*]\s*)?(?<!\d)(\d{2,4})\s*m\b/i;

// Kick, technique and novelty events: checked before the strokes, as "Kraul-Beine" or "50m Freistil
// Beine" also name a stroke but are not that stroke's race. A para class ("50m Freistil S5-S10") is
// that stroke's race (as on ORIS sheets): its class stays in the event's name.
const NOT_A_RACE =
  /beine|armzug|\barme\b|technik|flossen|brett|tauchen|kleider|rettung|abschlag|jahrgangsbeste|mehrkampf/i;

const STROKES: Array<[RegExp, Stroke]> = [
  [/freistil|kraul/i, "free"],
  [/rücken|ruecken/i, "back"],
  [/brust/i, "breast"],
  [/schmetterling|delphin|delfin/i, "fly"],
  [/lagen/i, "im"],
];

// Round words that `round` says all of: no label needed.
const PLAIN_ROUND = /^(vorl(ä|ae)ufe?|vorlauf|zwischenlauf|halbfinale|finale|endlauf)$/i;
// Round words inside a title without parentheses that need their label kept.
const LABELLED_ROUND = /\b([A-D]-?Finale|Hoffnungslauf|Stechen|Zeitl(?:ä|ae)ufe?|Zeitlauf)\b/i;

/** Parses a line with the event-title shape; null when the line is not one. */
export function parseEasyWkTitle(text: string, course: Course | null): EasyWkTitleLine | null {
  const match = TITLE_SHAPE.exec(text.trim());
  if (!match) return null;
  const [, noch, number = "", restText = ""] = match;
  const name = restText.replace(/\s+/g, " ").trim();
  return { number, name, continued: noch !== undefined, title: readTitle(number, name, course) };
}

function readTitle(number: string, name: string, course: Course | null): EasyWkEventTitle | null {
  const distanceMatch = DISTANCE.exec(name);
  if (!distanceMatch) return null;
  const [, legs, distanceText = ""] = distanceMatch;
  const relay = legs !== undefined || /staffel/i.test(name);
  const legCount = legs === undefined ? 1 : Number(legs);
  return {
    event: {
      number,
      name,
      distance: Number(distanceText) * legCount,
      stroke: relay ? relayStroke(strokeOf(name)) : strokeOf(name),
      relay,
      ageGroup: null,
      gender: genderOf(name),
      course,
    },
    round: roundOf(name),
    roundLabel: roundLabelOf(name),
  };
}

function strokeOf(name: string): Stroke {
  if (NOT_A_RACE.test(name)) return "other";
  return STROKES.find(([pattern]) => pattern.test(name))?.[1] ?? "other";
}

/** Only freestyle and medley relays have a relay stroke; a breaststroke relay is something else. */
function relayStroke(stroke: Stroke): Stroke {
  if (stroke === "free") return "free_relay";
  if (stroke === "im") return "medley_relay";
  return "other";
}

function genderOf(text: string): ParsedEvent["gender"] {
  if (/\bmixed\b|\bmix\b/i.test(text)) return "X";
  if (/weiblich|damen|frauen|mädchen/i.test(text)) return "F";
  if (/männlich|maennlich|herren|männer|jungen/i.test(text)) return "M";
  return null;
}

function roundOf(text: string): Round {
  if (/zwischenlauf|halbfinale/i.test(text)) return "semi";
  // A "Hoffnungslauf" (repechage) is one more qualifying heat before the final.
  if (/vorl(ä|ae)uf|vorlauf|hoffnungslauf/i.test(text)) return "prelim";
  if (/stechen/i.test(text)) return "swimoff";
  if (/finale|endlauf/i.test(text)) return "final";
  // Without a round word the event is swum once and ranked directly ("Einzel" in DSV terms).
  return "timed_final";
}

/** "(A-Finale)" keeps "A-Finale"; "(Vorlauf)" needs no label, `round` says it. */
function roundLabelOf(text: string): string | null {
  const bracketed = /\(([^()]+)\)\s*$/.exec(text)?.[1]?.trim();
  if (bracketed && /lauf|l(ä|ae)ufe|finale|stechen/i.test(bracketed)) {
    return PLAIN_ROUND.test(bracketed) ? null : bracketed;
  }
  return LABELLED_ROUND.exec(text)?.[1] ?? null;
}
