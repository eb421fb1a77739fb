/**
 * Reads Hy-Tek event titles ("Event 3 Women 200 Yard Freestyle", masters "Women 25-29 50 Yard Freestyle",
 * para "… Multi-Class S9", "Event 4S … Swim-off", continuations "A - Final ... (Event 2 …)") and the
 * round headings between result lists ("A - Final", "Preliminaries", " - Swim-off").
 */
import type { Course, Round, Stroke } from "@splitstream/shared";
import type { ParsedEvent } from "./format-parser.ts";

export interface HytekTitle {
  /** Null for diving events, whose scores are no swims. */
  event: ParsedEvent | null;
  /** Round the title itself names ("Swim-off", "Time Trial"), else null. */
  round: Round | null;
  /** True for "(Event 3 …)" repeated at the top of a continuation page. */
  continued: boolean;
  /** Round of a heading printed before a continuation ("A - Final ... (Event 2 …)"), else null. */
  headingRound: Round | null;
}

const UNITS: Array<[RegExp, Course | null]> = [
  [/^(yards?|yd|y)$/i, "SCY"],
  [/^lc (meters?|metres?)$/i, "LCM"],
  [/^sc (meters?|metres?)$/i, "SCM"],
  // Hy-Tek names short-course metres events plain "Meter" and long-course ones "LC Meter".
  [/^(meters?|metres?|m)$/i, "SCM"],
];

const TITLE =
  /^(?:Event\s+(\d+[A-Z]?)\s+)?(.*?)\s*(\d{2,4})\s+(Yards?|Yd|Y|LC Meters?|SC Meters?|LC Metres?|SC Metres?|Meters?|Metres?|M)\s+(.+)$/i;
const DIVING = /^(?:Event\s+(\d+[A-Z]?)\s+)?.*\b\d+(?:\.\d+)?\s*(?:mtr|meter|m)\s+Diving\b/i;
const GENDER_WORD = /^(Women|Men|Girls|Boys|Mixed|Female|Male|Ladies|Open)\b/i;

const STROKES: Array<[RegExp, Stroke]> = [
  [/\b(IM|Individual Medley)\b/i, "im"],
  [/\bMedley\b/i, "im"],
  [/\bFree(style)?\b/i, "free"],
  [/\bBack(stroke)?\b/i, "back"],
  [/\bBreast(stroke)?\b/i, "breast"],
  [/\b(Butterfly|Fly)\b/i, "fly"],
];

function genderOf(text: string): ParsedEvent["gender"] {
  if (/\bmixed\b/i.test(text)) return "X";
  if (/\b(women|girls|female|ladies)\b/i.test(text)) return "F";
  if (/\b(men|boys|male)\b/i.test(text)) return "M";
  return null;
}

/** Round words of a heading line; null when the line is none. */
export function headingRound(text: string): Round | null {
  const t = text.replace(/\s+/g, " ").trim();
  if (/^-?\s*swim-?\s?off$/i.test(t)) return "swimoff";
  if (/^-?\s*time trials?$/i.test(t)) return "timed_final";
  if (/^-?\s*(preliminaries|prelims?|heats)$/i.test(t)) return "prelim";
  if (/^-?\s*(semi-?finals?|semis)$/i.test(t)) return "semi";
  if (/^-?\s*(?:[A-Z]\s*-\s*)?(finals?|championship final|consolation final|bonus final)$/i.test(t))
    return "final";
  return null;
}

function titleRound(rest: string): Round | null {
  if (/\bswim-?\s?off\b/i.test(rest)) return "swimoff";
  if (/\btime trials?\b/i.test(rest)) return "timed_final";
  return null;
}

/** Parses an event title line (whitespace collapsed); null when the line is not one. */
export function parseHytekTitle(text: string): HytekTitle | null {
  let title = text.trim();
  let continued = false;
  let heading: Round | null = null;
  // "A - Final ... (Event 2 Boys 200 Yard Freestyle)" and "(Event 3 Women 200 Yard Freestyle)".
  const wrapped = /^(.*?)\s*(?:\.\.\.\s*)?\((.+)\)$/.exec(title);
  if (wrapped && (wrapped[1] === "" || /\.\.\.\s*\(/.test(title))) {
    continued = true;
    heading = wrapped[1] ? headingRound(wrapped[1]) : null;
    title = wrapped[2]!.trim();
  }
  if (DIVING.test(title)) return { event: null, round: null, continued, headingRound: heading };
  const match = TITLE.exec(title);
  if (!match) return null;
  const [, number, who = "", distanceText, unit = "", rest = ""] = match;
  // Without "Event N" only the masters form counts, which opens with the gender ("Women 25-29 …").
  if (!number && !GENDER_WORD.test(who)) return null;
  if (number === undefined && /\d{1,2}:\d{2}|\d\.\d{2}/.test(rest)) return null;
  const stroke = STROKES.find(([pattern]) => pattern.test(rest))?.[1];
  if (!stroke) return null;
  const relay = /\brelay\b/i.test(rest);
  const course = UNITS.find(([pattern]) => pattern.test(unit.replace(/\s+/g, " ")))?.[1] ?? null;
  // Para classes follow "Multi-Class" ("S9", "SB7", "not eligible"); age groups follow the gender.
  const para = /\bMulti-?Class\s+(.+)$/i.exec(rest)?.[1]?.trim() ?? null;
  const ages = who.replace(GENDER_WORD, "").trim();
  const ageGroup = [ages ? who.trim() : "", para ?? ""].filter(Boolean).join(" ") || null;
  const event: ParsedEvent = {
    number: number ?? null,
    distance: Number(distanceText),
    stroke: relay ? (stroke === "im" ? "medley_relay" : "free_relay") : stroke,
    relay,
    ageGroup,
    gender: genderOf(who),
    course,
  };
  return { event, round: titleRound(rest), continued, headingRound: heading };
}
