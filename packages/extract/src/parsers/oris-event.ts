/**
 * Reads the event and round of an ORIS-style results page (Omega, ISL, Olympic sheets) from its
 * report code ("SWMW200MIM------------HEAT--------_74A") and its printed title ("Women's 200m Butterfly").
 */
import type { Round, Stroke } from "@splitstream/shared";
import type { ParsedEvent } from "./format-parser.ts";

export interface OrisEvent {
  event: ParsedEvent;
  round: Round;
}

/** What the report code at the foot of each page says: event, round and report type. */
export interface ReportCode {
  gender: "F" | "M" | "X";
  distance: number;
  relay: boolean;
  strokeCode: string;
  /** HEAT, SFNL, QFNL, FNL or null. */
  phase: string | null;
  /** "RR" marks a swim-off (a re-race). */
  swimOff: boolean;
  /** "FA"/"SL" mark fastest/slowest heats of a timed final. */
  timedFinal: boolean;
  /** 73 = results, 74 = results summary; others are medallists, records, standings. */
  reportType: number;
}

const CODE = /^SWM([MWX])(4X)?(\d+)M([A-Z]{2})([-\dA-Z]*)_(\d\d)/;
const PHASE = /(SFNL|QFNL|HEAT|FNL)([-\dA-Z]*)$/;

export function parseReportCode(text: string): ReportCode | null {
  const match = CODE.exec(text.trim());
  if (!match) return null;
  const [, g, relay, distance, strokeCode, rest, type] = match;
  const phase = PHASE.exec(rest ?? "");
  const suffix = phase?.[2] ?? "";
  return {
    gender: g === "W" ? "F" : g === "M" ? "M" : "X",
    distance: Number(distance),
    relay: relay !== undefined,
    strokeCode: strokeCode ?? "",
    phase: phase?.[1] ?? null,
    swimOff: /RR/.test(suffix),
    timedFinal: /0000(FA|SL)/.test(suffix),
    reportType: Number(type),
  };
}

const WHO = String.raw`\b(Women's|Men's|Mixed|Women|Men)\s+(4\s*x\s*)?(\d+)\s*m`;
const TITLE = new RegExp(
  `${WHO}\\s+((?:Individual\\s+)?Medley|Freestyle|Backstroke|Breaststroke|Butterfly)(\\s+Relay)?(.*)$`,
  "i",
);
/** Any "Women's 100m …" header, for events whose stroke words the parser does not know. */
const ANY_TITLE = new RegExp(`${WHO}\\b(.*)$`, "i");
/** Para class or relay points class after the name: "- S11", "- SM6", "- 34 Points". */
const CLASS = /^-?\s*((?:S|SB|SM)\d{1,2}|\d+\s+Points)\b/i;
const CLASS_ANYWHERE = /-\s*((?:S|SB|SM)\d{1,2}|\d+\s+Points)\b/i;
/** Words a title may print beside the event name: rounds, skins races, relay. Anything else is unknown. */
const KNOWN_WORDS =
  /^(?:Relay|Skins?|Race|Heats?|Finals?|Finale|Semi-?finals?|Semis?|Quarter-?finals?|Swim-?off|Fastest|Slowest|Round|Time|Trials?|Prelims?|Preliminar(?:y|ies)|[A-D]|\d+|-)$/i;
/** Round words printed at the end of a title ("Heats Swim-off", "Round 2", "Final B"). */
const ROUND_WORDS =
  /\s*\b(?:(?:Heats?|Semi-?finals?|Final)\s+Swim-?off|Swim-?off|(?:Fastest|Slowest)\s+Heats|Round\s+\d|Semi-?finals?(?:\s+\d)?|Quarter-?finals?|(?:[A-D]\s+)?Finals?(?:\s+[A-D])?|Heats?|Time\s+Trials?|Prelims?|Preliminar(?:y|ies))$/i;

export interface EventTitle {
  gender: "F" | "M" | "X";
  distance: number;
  relay: boolean;
  /** "other" when the title prints words the parser cannot map to a stroke ("Kick", "Technique"). */
  stroke: Stroke;
  /** Para class ("S11", "SM6") or relay points class ("49 Points"), when printed after the name. */
  ageGroup: string | null;
  /** The event's name as printed, without the round words: "Women's 50m Breaststroke Skins". */
  name: string;
  /** Words after the event name ("Heats", "Final", "Skins Round 2"). */
  rest: string;
}

export function parseEventTitle(text: string): EventTitle | null {
  const match = TITLE.exec(text);
  if (!match) return null;
  const [whole, who, relayPrefix, distance, strokeWord, , restText] = match;
  const relay = relayPrefix !== undefined;
  const word = (strokeWord ?? "").toLowerCase();
  let stroke: Stroke;
  if (word.includes("medley")) stroke = relay ? "medley_relay" : "im";
  else if (relay) stroke = "free_relay";
  else if (word.startsWith("free")) stroke = "free";
  else if (word.startsWith("back")) stroke = "back";
  else if (word.startsWith("breast")) stroke = "breast";
  else stroke = "fly";
  const { ageGroup, rest } = splitClass(restText ?? "");
  // "Women's 100m Freestyle Kick": a known stroke word does not make a known event.
  if (rest.split(/\s+/).some((w) => w !== "" && !KNOWN_WORDS.test(w))) stroke = "other";
  return {
    gender: genderOf(who),
    distance: Number(distance),
    relay,
    stroke,
    ageGroup,
    name: printedName(whole ?? ""),
    rest,
  };
}

/**
 * A "Women's 100m …" title without a stroke word the parser knows: its own event, stroke "other".
 * Try it only where no line of the header reads as `parseEventTitle`.
 */
export function parseUnknownEventTitle(text: string): EventTitle | null {
  const match = ANY_TITLE.exec(text);
  if (!match) return null;
  const [whole, who, relayPrefix, distance, restText] = match;
  return {
    gender: genderOf(who),
    distance: Number(distance),
    relay: relayPrefix !== undefined,
    stroke: "other",
    ageGroup: CLASS_ANYWHERE.exec(restText ?? "")?.[1] ?? null,
    name: printedName(whole ?? ""),
    rest: (restText ?? "").trim(),
  };
}

function splitClass(restText: string): { ageGroup: string | null; rest: string } {
  const rest = restText.trim();
  const classMatch = CLASS.exec(rest);
  return {
    ageGroup: classMatch?.[1] ?? null,
    rest: classMatch ? rest.slice(classMatch[0].length).trim() : rest,
  };
}

function genderOf(who: string | undefined): "F" | "M" | "X" {
  const lower = (who ?? "").toLowerCase();
  return lower.startsWith("women") ? "F" : lower.startsWith("men") ? "M" : "X";
}

/** The title as printed, spaces collapsed and the round words at its end left off. */
function printedName(title: string): string {
  let name = title.replace(/\s+/g, " ").trim();
  for (let previous = ""; previous !== name; ) {
    previous = name;
    name = name.replace(ROUND_WORDS, "").trim();
  }
  return name;
}

/** The round, from the code when there is one, else from the words printed beside the title. */
export function roundOf(code: ReportCode | null, words: string): Round {
  if (code?.swimOff || /swim-?off/i.test(words)) return "swimoff";
  if (code?.timedFinal || /(fastest|slowest)\s+heats/i.test(words)) return "timed_final";
  const phase = code?.phase;
  if (phase === "SFNL" || /semi/i.test(words) || /round\s*2/i.test(words)) return "semi";
  if (phase === "QFNL" || /round\s*1/i.test(words)) return "prelim";
  if (phase === "HEAT" || /\bheats?\b/i.test(words)) return "prelim";
  return "final";
}

/** True for ISL skins races: "Women's 50m Breaststroke Skins", "Men's 50m Freestyle Skin Race", code stroke "SK". */
export function isSkins(code: ReportCode | null, title: EventTitle): boolean {
  return code?.strokeCode === "SK" || /\bSkins?\b/i.test(title.name);
}

const PHASE_NAMES: Record<string, string> = { HEAT: "Heats", SFNL: "Semifinals", QFNL: "Quarterfinals" };

/**
 * The meet's own name for a round that `round` alone cannot tell apart, or null: each skins round
 * ("Skins Round 2", "Skins Final"), a swim-off ("Heats Swim-off"), an A/B final, a time trial.
 */
export function roundLabelOf(code: ReportCode | null, words: string, skins: boolean): string | null {
  if (skins) {
    const roundNumber = /\bRound\s*(\d)/i.exec(words)?.[1];
    if (roundNumber) return `Skins Round ${roundNumber}`;
    if (/\bFinal\b/i.test(words)) return "Skins Final";
    // 2020 sheets print no round words on the first round: the code's phase says which it is.
    if (code?.phase === "QFNL") return "Skins Round 1";
    if (code?.phase === "SFNL") return "Skins Round 2";
    if (code?.phase === "FNL") return "Skins Final";
    return null;
  }
  const swimOff = /\b(?:(?:Heats?|Semi-?finals?|Final)\s+)?Swim-?off\b/i.exec(words);
  if (swimOff) return swimOff[0].replace(/\s+/g, " ");
  if (code?.swimOff) {
    const phase = code.phase ? PHASE_NAMES[code.phase] : undefined;
    return phase ? `${phase} Swim-off` : "Swim-off";
  }
  const lettered = /\b[A-D]\s+Final\b|\bFinal\s+[A-D]\b/.exec(words);
  if (lettered) return lettered[0].replace(/\s+/g, " ");
  const trial = /\bTime\s+Trials?\b/i.exec(words);
  return trial ? trial[0].replace(/\s+/g, " ") : null;
}
