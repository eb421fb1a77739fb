/** Reads EasyWk (German) event titles such as "Wettkampf 41 - 50m Freistil weiblich (Vorlauf)". */
import type { Course, Round, Stroke } from "@splitstream/shared";
import type { ParsedEvent } from "./format-parser.ts";

export interface EasyWkEventTitle {
  event: ParsedEvent;
  round: Round;
}

// "noch" marks a title repeated at the top of a continuation page.
const TITLE = /^(?:noch\s+)?Wettkampf\s+(\d+)\s+-\s+(?:(\d)\s*x\s*)?(\d+)\s*m\s+(.+)$/i;

const STROKES: Array<[RegExp, Stroke]> = [
  [/freistil/i, "free"],
  [/rücken|ruecken/i, "back"],
  [/brust/i, "breast"],
  [/schmetterling|delphin|delfin/i, "fly"],
  [/lagen/i, "im"],
];

/** Parses an event title line; null when the line is not one. */
export function parseEasyWkTitle(text: string, course: Course | null): EasyWkEventTitle | null {
  const match = TITLE.exec(text.trim());
  if (!match) return null;
  const [, number = "", legs, distanceText = "", rest = ""] = match;
  const stroke = STROKES.find(([pattern]) => pattern.test(rest))?.[1];
  if (!stroke) return null;
  const relay = legs !== undefined;
  return {
    event: {
      number,
      distance: Number(distanceText) * (relay ? Number(legs) : 1),
      stroke: relay ? (stroke === "im" ? "medley_relay" : "free_relay") : stroke,
      relay,
      ageGroup: null,
      gender: genderOf(rest),
      course,
    },
    round: roundOf(rest),
  };
}

function genderOf(text: string): ParsedEvent["gender"] {
  if (/\bmixed\b|\bmix\b/i.test(text)) return "X";
  if (/weiblich|damen|frauen|mädchen/i.test(text)) return "F";
  if (/männlich|maennlich|herren|männer|jungen/i.test(text)) return "M";
  return null;
}

function roundOf(text: string): Round {
  if (/vorlauf|zwischenlauf/i.test(text)) return /zwischenlauf/i.test(text) ? "semi" : "prelim";
  if (/halbfinale/i.test(text)) return "semi";
  if (/stechen/i.test(text)) return "swimoff";
  if (/finale|endlauf/i.test(text)) return "final";
  // Without a round word the event is swum once and ranked directly ("Einzel" in DSV terms).
  return "timed_final";
}
