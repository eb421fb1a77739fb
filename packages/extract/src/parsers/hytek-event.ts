/**
 * Reads Hy-Tek event titles ("Event 3 Women 200 Yard Freestyle", masters "Women 25-29 50 Yard Freestyle",
 * para "… Multi-Class S9", "Event 4S … Swim-off", continuations "A - Final ... (Event 2 …)", novelty
 * events such as "Event 21 Girls 8 & Under 25 Yard Kick") and the round headings between result lists
 * ("A - Final", "Preliminaries", " - Swim-off", " - Time Trial").
 */
import type { Course, Round, Stroke } from "@splitstream/shared";
import type { ParsedEvent } from "./format-parser.ts";

/** A round as a heading or title names it; `label` is kept where `round` alone cannot tell lists apart. */
export interface RoundName {
  round: Round;
  /** "B Final", "Swim-off", "Time Trial"; null for plain "Finals", "Preliminaries", "Semi-Finals". */
  label: string | null;
}

export interface HytekTitle {
  /** Null for diving events (their scores are no swims) and for titles with no readable distance. */
  event: ParsedEvent | null;
  /** The title as printed, without "Event N" (and without the continuation's round heading). */
  name: string;
  /** True for an "Event N …" title whose distance cannot be read: its rows belong to no event we know. */
  unreadable: boolean;
  /** Round the title itself names ("Swim-off", "Time Trial"), else null. */
  round: RoundName | null;
  /** True for "(Event 3 …)" repeated at the top of a continuation page. */
  continued: boolean;
  /** Round of a heading printed before a continuation ("A - Final ... (Event 2 …)"), else null. */
  heading: RoundName | null;
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
const DIVING =
  /^(?:Event\s+(\d+[A-Z]?)\s+)?.*\b(?:\d+(?:\.\d+)?\s*(?:mtr|meter|m)|Platform|Springboard)\s+Diving\b/i;
const GENDER_WORD = /^(Women|Men|Girls|Boys|Mixed|Female|Male|Ladies|Open)\b/i;
// The shape of a numbered title, even one whose distance or stroke cannot be read.
const NUMBERED_TITLE = /^Event\s+(\d+[A-Z]?)\s+(\p{L}.*)$/u;
// Kick, pull, drill and other novelty races name a stroke but are not swum as it.
const NOVELTY =
  /\b(kick|pull|drill|technique|fins?|paddles?|underwater|novelty|scull(ing)?|noodle|obstacle)\b/i;

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

const SWIM_OFF: RoundName = { round: "swimoff", label: "Swim-off" };
const TIME_TRIAL: RoundName = { round: "timed_final", label: "Time Trial" };

/** Round words of a heading line; null when the line is none. */
export function headingRound(text: string): RoundName | null {
  const t = text.replace(/\s+/g, " ").trim();
  if (/^-?\s*swim-?\s?off$/i.test(t)) return SWIM_OFF;
  if (/^-?\s*time trials?$/i.test(t)) return TIME_TRIAL;
  if (/^-?\s*(preliminaries|prelims?|heats)$/i.test(t)) return { round: "prelim", label: null };
  if (/^-?\s*(semi-?finals?|semis)$/i.test(t)) return { round: "semi", label: null };
  // "A - Final", "B - Final", "C - Final": one event's finals, told apart only by the letter.
  const lettered = /^-?\s*([A-Z])\s*-\s*finals?$/i.exec(t);
  if (lettered) return { round: "final", label: `${lettered[1]!.toUpperCase()} Final` };
  const named = /^-?\s*((?:championship|consolation|bonus) final)$/i.exec(t);
  if (named) return { round: "final", label: capitalise(named[1]!) };
  if (/^-?\s*finals?$/i.test(t)) return { round: "final", label: null };
  return null;
}

function capitalise(text: string): string {
  return text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

function titleRound(rest: string): RoundName | null {
  if (/\bswim-?\s?off\b/i.test(rest)) return SWIM_OFF;
  if (/\btime trials?\b/i.test(rest)) return TIME_TRIAL;
  return null;
}

/** Parses an event title line (whitespace collapsed); null when the line is not one. */
export function parseHytekTitle(text: string): HytekTitle | null {
  let title = text.trim();
  let continued = false;
  let heading: RoundName | null = null;
  // "A - Final ... (Event 2 Boys 200 Yard Freestyle)" and "(Event 3 Women 200 Yard Freestyle)".
  const wrapped = /^(.*?)\s*(?:\.\.\.\s*)?\((.+)\)$/.exec(title);
  if (wrapped && (wrapped[1] === "" || /\.\.\.\s*\(/.test(title))) {
    continued = true;
    heading = wrapped[1] ? headingRound(wrapped[1]) : null;
    title = wrapped[2]!.trim();
  }
  const name = title.replace(/^Event\s+\d+[A-Z]?\s+/i, "");
  const skipped = { name, round: null, continued, heading };
  if (DIVING.test(title)) return { event: null, unreadable: false, ...skipped };
  const match = TITLE.exec(title);
  if (!match) {
    // A numbered title we cannot read still ends the event before it.
    return NUMBERED_TITLE.test(title) ? { event: null, unreadable: true, ...skipped } : null;
  }
  const [, number, who = "", distanceText, unit = "", rest = ""] = match;
  // Without "Event N" only the masters form counts, which opens with the gender ("Women 25-29 …").
  if (!number && !GENDER_WORD.test(who)) return null;
  if (number === undefined && /\d{1,2}:\d{2}|\d\.\d{2}/.test(rest)) return null;
  const named = STROKES.find(([pattern]) => pattern.test(rest))?.[1];
  // An unnumbered masters title without a stroke must end in words alone ("Women 25-29 50 Yard Kick").
  if (!named && number === undefined && !/^[\p{L}\s&'-]+$/u.test(rest)) return null;
  const relay = /\brelay\b/i.test(rest);
  const stroke: Stroke = !named || NOVELTY.test(rest) ? "other" : named;
  const course = UNITS.find(([pattern]) => pattern.test(unit.replace(/\s+/g, " ")))?.[1] ?? null;
  // Para classes follow "Multi-Class" ("S9", "SB7", "not eligible"); age groups follow the gender.
  const para = /\bMulti-?Class\s+(.+)$/i.exec(rest)?.[1]?.trim() ?? null;
  const ages = who.replace(GENDER_WORD, "").trim();
  const ageGroup = [ages ? who.trim() : "", para ?? ""].filter(Boolean).join(" ") || null;
  const event: ParsedEvent = {
    number: number ?? null,
    name,
    distance: Number(distanceText),
    stroke: relay && stroke !== "other" ? (stroke === "im" ? "medley_relay" : "free_relay") : stroke,
    relay,
    ageGroup,
    gender: genderOf(who),
    course,
  };
  return { event, name, unreadable: false, round: titleRound(rest), continued, heading };
}
