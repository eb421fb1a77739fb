/** Loads the corpus truth files (DSV exports, SwimmeR tables and bulk outputs, swimmer queries) into one shape. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stroke, SwimStatus } from "@splitstream/shared";
import { foldAccents } from "../matching/person-name.ts";
import { parseSwimTime } from "../parsers/swim-time.ts";
import { readRecords } from "./csv.ts";
import {
  distanceFromText,
  genderFromText,
  type RoundClass,
  roundFromText,
  strokeFromText,
} from "./event-text.ts";

export interface TruthSwim {
  name: string;
  /** null when the truth table does not say (then any extracted event matches). */
  distance: number | null;
  stroke: Stroke | null;
  round: RoundClass | null;
  gender: "F" | "M" | "X" | null;
  timeMs: number | null;
  place: number | null;
  status: SwimStatus;
  /** True when the source only says "no valid time" (SwimmeR's DQ flag also marks DNS/DNF rows). */
  anyNotOk?: boolean;
  /** Cumulative splits. */
  splits: { distance: number; timeMs: number }[];
  /** ISO day the swim was swum, where the truth knows it (the DSV exports' session dates). */
  day?: string | null;
  /** Where the row came from, for the miss list. */
  source: string;
}

/** One leg of a truth relay: the swimmer's name and own leg time, each where the truth has it. */
export interface TruthLeg {
  order: number;
  name: string | null;
  timeMs: number | null;
}

/** A relay swim of a truth table, with its legs. */
export interface TruthRelay {
  team: string;
  distance: number | null;
  stroke: Stroke | null;
  round: RoundClass | null;
  gender: "F" | "M" | "X" | null;
  timeMs: number | null;
  legs: TruthLeg[];
  source: string;
}

export interface TruthSet {
  /** Label printed in the report. */
  label: string;
  /** Corpus-relative PDF path(s) the truth describes. */
  pdfs: string[];
  /** "complete": every individual swim of the PDF(s) (precision is meaningful); "subset": only some. */
  scope: "complete" | "subset";
  /** "independent" (DSV), "test" (SwimmeR test tables, hand-checked), "regression" (SwimmeR bulk output). */
  grade: "independent" | "test" | "regression";
  swims: TruthSwim[];
  /** Relay swims with their legs (names and/or own leg times), where the truth lists them. */
  relays: TruthRelay[];
  /** How the truth knows each swim's day, for the report; absent when it does not. */
  dayBasis?: string;
  /** Rows that could not be scored (relays, rows without a name or time), counted for the report. */
  skipped: number;
  /** Which events of the PDF(s) the truth covers, when only some (bulk Tokyo output over single-event PDFs). */
  eventFilter?: EventFilter;
  /** The documents are not results: the extractor must say NOT_RESULTS. */
  expectNotResults?: boolean;
}

export type EventFilter = (
  distance: number,
  stroke: Stroke,
  round: RoundClass,
  gender: "F" | "M" | "X" | null,
) => boolean;

export interface QueryExpectation {
  pdf: string;
  query: string;
  distance: number | null;
  round: RoundClass | null;
  place: number | null;
  timeMs: number | null;
  status: SwimStatus;
  splits: { distance: number; timeMs: number }[];
}

/** Compares names regardless of order, case, accents, punctuation and middle initials. */
export function nameKey(name: string): string {
  return foldAccents(name)
    .toLowerCase()
    .replace(/['’`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 1)
    .sort()
    .join(" ");
}

function toInt(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}

function statusFromText(text: string): SwimStatus | null {
  const t = text.trim().toUpperCase();
  if (/^(DQ|DSQ|DS|DISQ)/.test(t)) return "DQ";
  if (/^(DNS|NA|NS)\b/.test(t)) return "DNS";
  if (/^(DNF|AU)\b/.test(t)) return "DNF";
  if (/^(SCR|AB)\b/.test(t)) return "SCR";
  if (/^EXH/.test(t)) return "EXH";
  return null;
}

function cumulate(laps: number[]): number[] {
  let total = 0;
  return laps.map((lap) => {
    total += lap;
    return total;
  });
}

/** SwimmeR's Split_50, Split_100 … hold lap times; the contract holds cumulative splits. */
function swimmerSplits(row: Record<string, string>): { distance: number; timeMs: number }[] {
  const laps: { distance: number; timeMs: number }[] = [];
  for (const [column, value] of Object.entries(row)) {
    const match = /^Split_(\d+)$/.exec(column);
    const ms = value ? swimmerTime(value) : null;
    if (match && ms !== null) laps.push({ distance: Number(match[1]), timeMs: ms });
  }
  laps.sort((a, b) => a.distance - b.distance);
  const totals = cumulate(laps.map((lap) => lap.timeMs));
  return laps.map((lap, i) => ({ distance: lap.distance, timeMs: totals[i]! }));
}

/** A SwimmeR time: as printed, or plain seconds, which SwimmeR also writes past a minute ("63.18" for 1:03.18). */
function swimmerTime(text: string): number | null {
  const plainSeconds = /^(\d{2,3})\.(\d{2})$/.exec(text.trim());
  if (plainSeconds) return Number(plainSeconds[1]) * 1000 + Number(plainSeconds[2]) * 10;
  return parseSwimTime(text);
}

const DSV_STROKES: Record<string, Stroke> = { F: "free", R: "back", B: "breast", S: "fly", L: "im" };
const DSV_ROUNDS: Record<string, RoundClass> = { E: "final", V: "prelim", F: "final", Z: "prelim" };

/**
 * Events whose splits the meet software recorded (so the DSV file has them) but the PDF does not print:
 * no extractor can find them. Checked in `pdftotext -layout`: in both Protokoll PDFs the 100 m Lagen lists
 * (events 9, 10, 31 and 32) have no "50m:" lines, while every other 100 m and longer event has them.
 */
const DSV_SPLITS_NOT_PRINTED: Record<string, readonly number[]> = {
  "Protokoll_24.dsv-individual.csv": [9, 10, 31, 32],
  "Protokoll_25.dsv-individual.csv": [9, 10, 31, 32],
};

/**
 * Which session (Abschnitt, 1-based) each event was swum in: the DSV export lists the sessions' dates
 * (`session_dates`) but not which event was in which session. Read from the programme pages
 * ("Wettkampffolge für Abschnitt N") of both Protokoll PDFs, identical in 2019 and 2022: events 1-11,
 * 12-22, 23-38 and 39-54 in sessions 1-4; the finals 123-126, 139-142, 223-226 and 239-242 in session 4.
 */
function erzgebirgeSession(eventNo: number): number | null {
  if (eventNo >= 100) return 4;
  const lastOfSession = [11, 22, 38, 54];
  const index = lastOfSession.findIndex((last) => eventNo <= last);
  return eventNo >= 1 && index >= 0 ? index + 1 : null;
}
const DSV_SESSION_OF_EVENT: Record<string, (eventNo: number) => number | null> = {
  "Protokoll_24.dsv-individual.csv": erzgebirgeSession,
  "Protokoll_25.dsv-individual.csv": erzgebirgeSession,
};

/** "30.11.2019 30.11.2019 01.12.2019" -> ISO days, one per session. */
function isoDays(text: string): string[] {
  return [...text.matchAll(/(\d{2})\.(\d{2})\.(\d{4})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
}

/** The day of an event: its session's date, or the meet's only day; null when the truth cannot tell. */
function dsvDay(
  sessionDays: string[],
  eventNo: number | null,
  sessionOf?: (eventNo: number) => number | null,
): string | null {
  if (new Set(sessionDays).size === 1) return sessionDays[0]!;
  const session = eventNo !== null && sessionOf ? sessionOf(eventNo) : null;
  return session === null ? null : (sessionDays[session - 1] ?? null);
}

function loadDsv(file: string, pdf: string): TruthSet {
  const rows = readRecords(readFileSync(file, "utf8"));
  const base = file.split("/").pop()!;
  const unprinted = DSV_SPLITS_NOT_PRINTED[base] ?? [];
  const sessionOf = DSV_SESSION_OF_EVENT[base];
  const swims: TruthSwim[] = rows.map((row, i) => ({
    name: row.name ?? "",
    distance: toInt(row.distance),
    stroke: DSV_STROKES[row.stroke_code ?? ""] ?? null,
    round: DSV_ROUNDS[row.round ?? ""] ?? null,
    gender: row.gender === "W" ? "F" : row.gender === "M" ? "M" : null,
    timeMs: row.time ? parseSwimTime(row.time) : null,
    place: toInt(row.place),
    status: statusFromText(row.not_ranked_reason ?? "") ?? "OK",
    splits: (unprinted.includes(toInt(row.event_no) ?? -1) ? "" : (row.splits ?? ""))
      .split(/\s+/)
      .map((part) => /^(\d+)m=(.+)$/.exec(part))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ distance: Number(m[1]), timeMs: parseSwimTime(m[2]!) ?? -1 }))
      .filter((s) => s.timeMs >= 0),
    day: dsvDay(isoDays(row.session_dates ?? ""), toInt(row.event_no), sessionOf),
    source: `${file.split("/").pop()}:${i + 2}`,
  }));
  return {
    label: base,
    pdfs: [pdf],
    scope: "complete",
    grade: "independent",
    swims,
    relays: [],
    dayBasis: sessionOf
      ? "day = session_dates[session of the event]; event -> session from the PDF's programme pages"
      : "day = session_dates where all sessions share one day",
    skipped: 0,
  };
}

/** SwimmeR's Split_N values in distance order, as written (for relays: within each leg, or laps). */
function rawSplitValues(row: Record<string, string>): number[] {
  return Object.entries(row)
    .map(([column, value]) => ({ distance: Number(/^Split_(\d+)$/.exec(column)?.[1] ?? Number.NaN), value }))
    .filter((s) => Number.isFinite(s.distance) && s.value !== "")
    .sort((a, b) => a.distance - b.distance)
    .map((s) => swimmerTime(s.value))
    .filter((ms): ms is number => ms !== null);
}

/**
 * Each leg's own time from a relay's split values, read the one way that adds up to the team's time:
 * the last value of each leg's group is the leg (ORIS prints splits within each leg, SwimmeR keeps
 * that), or the values are cumulative from the start, or they are laps. Null when no reading adds up.
 */
export function relayLegTimes(values: number[], legs: number, finalMs: number | null): number[] | null {
  if (finalMs === null || legs === 0 || values.length === 0 || values.length % legs !== 0) return null;
  const per = values.length / legs;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const groups = Array.from({ length: legs }, (_, i) => values.slice(i * per, (i + 1) * per));
  const lastOfEach = groups.map((g) => g[per - 1]!);
  if (sum(lastOfEach) === finalMs) return lastOfEach;
  if (values[values.length - 1] === finalMs && values.every((v, i) => i === 0 || v > values[i - 1]!))
    return lastOfEach.map((v, i) => v - (i === 0 ? 0 : lastOfEach[i - 1]!));
  if (sum(values) === finalMs) return groups.map(sum);
  return null;
}

/** One SwimmeR relay row as a truth relay (legs' names from Relay_Swimmer_N, leg times from the splits). */
function swimmerRelayRow(row: Record<string, string>, source: string): TruthRelay | null {
  const eventText = row.Event ?? "";
  const names = [1, 2, 3, 4].map((n) => row[`Relay_Swimmer_${n}`] ?? "");
  if (!names.some(Boolean) && !/relay|staffel|\d\s*x\s*\d/i.test(eventText)) return null;
  const timeText = row.Finals_Time ?? row.Finals ?? "";
  const timeMs = timeText && row.DQ !== "1" ? swimmerTime(timeText) : null;
  const times = relayLegTimes(rawSplitValues(row), 4, timeMs);
  const heat = row.Heat ?? "";
  return {
    team: row.Team ?? row.Name ?? "",
    distance: eventText ? distanceFromText(eventText) : null,
    stroke: eventText ? strokeFromText(eventText) : null,
    round: roundFromText(!/^(Final|Heat|Semi)/i.test(heat) ? eventText : heat),
    gender: genderFromText(eventText),
    timeMs,
    legs: names.map((name, i) => ({ order: i + 1, name: name || null, timeMs: times?.[i] ?? null })),
    source,
  };
}

/** One SwimmeR row (bulk output or test table) as a truth swim; null for relays and nameless rows. */
function swimmerRow(row: Record<string, string>, source: string): TruthSwim | null {
  // SwimmeR keeps Splash's exhibition mark in the name ("EXH SURNAME Given", "EXHSURNAME Given").
  const exhibition = /^EXH\s*(?=[A-Z])/.exec(row.Name ?? "");
  const name = exhibition ? row.Name!.slice(exhibition[0].length) : (row.Name ?? "");
  if (!name || row.Relay_Swimmer_1) return null;
  const eventText = row.Event ?? "";
  if (/relay|staffel|\d\s*x\s*\d/i.test(eventText)) return null;
  const timeText = row.Finals_Time ?? row.Finals ?? "";
  const timeMs = timeText ? swimmerTime(timeText) : null;
  const printed = statusFromText(timeText);
  // A placed swimmer swam: no time and no status word means SwimmeR could not read the row, not a DNS.
  if (timeMs === null && printed === null && row.DQ !== "1" && toInt(row.Place) !== null) return null;
  let status: SwimStatus = printed ?? (exhibition ? "EXH" : "OK");
  if (row.DQ === "1" && status === "OK") status = "DQ";
  if (timeMs === null && status === "OK") status = "DNS";
  const heat = row.Heat ?? "";
  return {
    name,
    distance: eventText ? distanceFromText(eventText) : null,
    stroke: eventText ? strokeFromText(eventText) : null,
    // The Heat column says "Heats" for a swim-off held in the heats session; the event text says which.
    round: roundFromText(
      /swim-?off/i.test(eventText) || !/^(Final|Heat|Semi)/i.test(heat) ? eventText : heat,
    ),
    gender: genderFromText(eventText),
    timeMs: status === "OK" || status === "EXH" ? timeMs : null,
    place: toInt(row.Place),
    status,
    anyNotOk: printed === null && status !== "OK",
    splits: swimmerSplits(row),
    source,
  };
}

/**
 * Splash prints most relay teams' swimmers as a 2x2 grid read down the columns (legs 1 and 2 on the left,
 * 3 and 4 on the right: in the medley relays the backstroke and breaststroke legs are the left column, see
 * Glenmark's 4x100 m medley and European_Jr_Champs_2012's). SwimmeR reads the grid across, so its
 * Relay_Swimmer_2 and _3 (and the leg times taken from its splits) are swapped in those rows. In the
 * Glenmark table only the 4x200 m relays (team times of 6:00 and more) print one swimmer per line; the
 * EURO_MEET_2018 relays (mixed 4x100 m free and medley) are all grids.
 */
const RELAY_GRID_READ_ACROSS: Record<string, (relay: TruthRelay) => boolean> = {
  "test-splash__L952_1078__1.csv": (relay) => relay.timeMs !== null && relay.timeMs < 360_000,
  "EURO_MEET_2018.swimmer-parse.csv": () => true,
};

function swapLegsTwoAndThree(relay: TruthRelay): TruthRelay {
  const [first, second, third, ...rest] = relay.legs;
  if (!first || !second || !third) return relay;
  return {
    ...relay,
    legs: [first, { ...third, order: 2 }, { ...second, order: 3 }, ...rest],
  };
}

function loadSwimmerTable(
  file: string,
  pdfs: string[],
  scope: TruthSet["scope"],
  grade: TruthSet["grade"],
  label = file.split("/").pop()!,
): TruthSet {
  const rows = readRecords(readFileSync(file, "utf8"), ",", true);
  const swims: TruthSwim[] = [];
  const relays: TruthRelay[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    const source = `${file.split("/").pop()}:${i + 2}`;
    const relay = swimmerRelayRow(row, source);
    const swim = relay ? null : swimmerRow(row, source);
    if (relay) relays.push(relay);
    if (swim) swims.push(swim);
    else skipped++;
  });
  const readAcross = RELAY_GRID_READ_ACROSS[file.split("/").pop()!];
  const legsInOrder = readAcross ? relays.map((r) => (readAcross(r) ? swapLegsTwoAndThree(r) : r)) : relays;
  return { label, pdfs, scope, grade, swims, relays: legsInOrder, skipped };
}

// Tokyo 2020 file names: SWM + gender + [4X]distance + M + stroke code + _ + round.
const ORIS_STROKES: Record<string, Stroke> = {
  FR: "free",
  BK: "back",
  BR: "breast",
  BF: "fly",
  IM: "im",
  MD: "medley_relay",
};
const ORIS_ROUNDS: Record<string, RoundClass> = {
  FNL: "final",
  SFNL: "semi",
  HEAT: "prelim",
  SOFF: "swimoff",
};

function orisEvent(
  pdf: string,
): { distance: number; stroke: Stroke; round: RoundClass; gender: "F" | "M" | "X" } | null {
  const match = /SWM([MWX])(4X)?(\d+)M([A-Z]{2})_(?:\d+_)?([A-Z]+)\.pdf$/.exec(pdf);
  if (!match) return null;
  const gender = match[1] === "W" ? "F" : match[1] === "M" ? "M" : "X";
  const relay = Boolean(match[2]);
  let stroke = ORIS_STROKES[match[4]!];
  if (relay && stroke === "free") stroke = "free_relay";
  const round = ORIS_ROUNDS[match[5]!];
  if (!stroke || !round) return null;
  return { distance: Number(match[3]) * (relay ? 4 : 1), stroke, round, gender };
}

export interface Truth {
  sets: TruthSet[];
  queries: QueryExpectation[];
  /** Notes on truth the tool does not score (printed once). */
  notes: string[];
}

export function loadTruth(corpus: string): Truth {
  const dir = join(corpus, "truth");
  const sets: TruthSet[] = [];
  const notes: string[] = [];
  for (const n of ["24", "25"]) {
    const file = join(dir, `Protokoll_${n}.dsv-individual.csv`);
    if (existsSync(file)) sets.push(loadDsv(file, `pdf/easywk/Protokoll_${n}.pdf`));
  }
  const bulk: Record<string, string[]> = {
    "EURO_MEET_2018.swimmer-parse.csv": ["pdf/splash/EURO_MEET_2018.pdf"],
    "RESULTS_BOOK.swimmer-parse.csv": ["pdf/omega/RESULTS_BOOK.pdf"],
  };
  for (const [name, pdfs] of Object.entries(bulk)) {
    const file = join(dir, name);
    if (existsSync(file)) sets.push(loadSwimmerTable(file, pdfs, "complete", "regression"));
  }
  // The Tokyo bulk output covers the whole Games; the corpus holds single-event PDFs of it.
  const tokyo = join(dir, "Tokyo2020.swimmer-parse.csv");
  const olympicDir = join(corpus, "pdf/olympic");
  if (existsSync(tokyo) && existsSync(olympicDir)) {
    const pdfs = readdirSync(olympicDir)
      .filter((f) => /^SWM.*\.pdf$/.test(f))
      .map((f) => `pdf/olympic/${f}`);
    const events = pdfs.map(orisEvent).filter((e) => e !== null);
    const covered: EventFilter = (distance, stroke, round, gender) =>
      events.some(
        (e) =>
          e.distance === distance &&
          e.stroke === stroke &&
          e.round === round &&
          (gender === null || e.gender === gender),
      );
    const set = loadSwimmerTable(tokyo, pdfs, "complete", "regression");
    const before = set.swims.length;
    set.swims = set.swims.filter(
      (s) =>
        s.distance !== null &&
        s.stroke !== null &&
        s.round !== null &&
        covered(s.distance, s.stroke, s.round, s.gender),
    );
    set.skipped += before - set.swims.length;
    set.relays = set.relays.filter(
      (r) =>
        r.distance !== null &&
        r.stroke !== null &&
        r.round !== null &&
        covered(r.distance, r.stroke, r.round, r.gender),
    );
    set.eventFilter = covered;
    sets.push(set);
  }
  // SwimmeR test tables: each names its local PDF; they hold some rows of a file (recall only).
  const index = join(dir, "swimmer_tests_index.tsv");
  if (existsSync(index)) {
    for (const row of readRecords(readFileSync(index, "utf8"), "\t")) {
      const csv = join(dir, "swimmer_tests", row.csv ?? "");
      const pdf = row.local_files ?? "";
      if (!row.csv || !pdf || !existsSync(csv)) continue;
      const set = loadSwimmerTable(csv, [pdf], "subset", "test", `swimmer_tests/${row.csv}`);
      if (pdf.startsWith("pdf/not-results/")) {
        set.expectNotResults = true;
        set.swims = [];
        set.relays = [];
      }
      sets.push(set);
    }
  }
  const expectations = join(dir, "swimmer_tests_expectations.tsv");
  if (existsSync(expectations)) {
    const count = readRecords(readFileSync(expectations, "utf8"), "\t").length;
    notes.push(
      `swimmer_tests_expectations.tsv: ${count} R expectations; the table-valued ones are scored through swimmer_tests_index.tsv, scalar ones (sums, dims) are not scored.`,
    );
  }
  const queries: QueryExpectation[] = [];
  const queryFile = join(dir, "swimmer_queries.tsv");
  if (existsSync(queryFile)) {
    for (const row of readRecords(readFileSync(queryFile, "utf8"), "\t")) {
      const timeText = row.time ?? "";
      const status = statusFromText(timeText) ?? "OK";
      queries.push({
        pdf: row.pdf ?? "",
        query: row.swimmer_query ?? "",
        distance: row.event ? distanceFromText(row.event) : null,
        round: row.round ? roundFromText(row.round) : null,
        place: toInt(row.place),
        timeMs: status === "OK" ? parseSwimTime(timeText) : null,
        status,
        splits: (row.splits ?? "")
          .split(/\s+/)
          .map((part) => /^(\d+)m=(.+)$/.exec(part))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ distance: Number(m[1]), timeMs: parseSwimTime(m[2]!) ?? -1 })),
      });
    }
  }
  return { sets, queries, notes };
}
