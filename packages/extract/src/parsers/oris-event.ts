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

const TITLE =
  /\b(Women's|Men's|Mixed|Women|Men)\s+(4\s*x\s*)?(\d+)\s*m\s+((?:Individual\s+)?Medley|Freestyle|Backstroke|Breaststroke|Butterfly)(\s+Relay)?(.*)$/i;

export interface EventTitle {
  gender: "F" | "M" | "X";
  distance: number;
  relay: boolean;
  stroke: Stroke;
  /** Para class ("S11", "SM6") or relay points class ("49 Points"), when printed after " - ". */
  ageGroup: string | null;
  /** Words after the event name ("Heats", "Final", "Skins Round 2"). */
  rest: string;
}

export function parseEventTitle(text: string): EventTitle | null {
  const match = TITLE.exec(text);
  if (!match) return null;
  const [, who, relayPrefix, distance, strokeWord, , restText] = match;
  const relay = relayPrefix !== undefined;
  const word = (strokeWord ?? "").toLowerCase();
  let stroke: Stroke;
  if (word.includes("medley")) stroke = relay ? "medley_relay" : "im";
  else if (relay) stroke = "free_relay";
  else if (word.startsWith("free")) stroke = "free";
  else if (word.startsWith("back")) stroke = "back";
  else if (word.startsWith("breast")) stroke = "breast";
  else stroke = "fly";
  const lower = (who ?? "").toLowerCase();
  const gender = lower.startsWith("women") ? "F" : lower.startsWith("men") ? "M" : "X";
  const rest = (restText ?? "").trim();
  const classMatch = /^-\s*((?:S|SB|SM)\d{1,2}|\d+\s+Points)\b/i.exec(rest);
  return {
    gender,
    distance: Number(distance),
    relay,
    stroke,
    ageGroup: classMatch?.[1] ?? null,
    rest: classMatch ? rest.slice(classMatch[0].length).trim() : rest,
  };
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
