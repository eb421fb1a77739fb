/**
 * Reads the results tables of ORIS-style sheets (Omega, ISL and Olympic results all share the layout):
 * a "Rank … Name … Time" header whose labels give the columns, one row per swimmer or relay team,
 * labelled split lines ("50m 26.24  100m 55.80 …") or split columns, and relay leg lines.
 */
import type { Course, Round } from "@splitstream/shared";
import type { Line, Page, PdfText, TextItem } from "../pdf/text-layout.ts";
import type { ParsedEvent, ParsedRelayLeg, ParsedSplit, ParsedSwim } from "./format-parser.ts";
import {
  type EventTitle,
  isSkins,
  parseEventTitle,
  parseReportCode,
  parseUnknownEventTitle,
  type ReportCode,
  roundLabelOf,
  roundOf,
} from "./oris-event.ts";
import { pageRaceDate } from "./oris-meet.ts";
import { splitPrintedName } from "./oris-name.ts";
import { parseSwimTime } from "./swim-time.ts";

type ColumnKind =
  | "rank"
  | "heat"
  | "lane"
  | "name"
  | "team"
  | "birth"
  | "class"
  | "gender"
  | "rt"
  | "split"
  | "time"
  | "behind"
  | "points";

/** A number left of the name (rank, heat, lane); `tie` when printed shared ("=9", "9="). */
interface RowNumber {
  kind: ColumnKind;
  value: number;
  tie: boolean;
}

interface Column {
  kind: ColumnKind;
  left: number;
  right: number;
  /** ParsedSplit columns: the distance in metres. */
  distance?: number;
}

export interface OrisParseOptions {
  /** The pool length when the document states it; otherwise null (inferred later). */
  course: Course | null;
}

export interface OrisParseResult {
  swims: ParsedSwim[];
  warnings: string[];
}

interface PageEvent {
  event: ParsedEvent;
  round: Round;
  roundLabel: string | null;
  /** True for skins races, whose rounds are labelled "Skins Round 1" … "Skins Final". */
  skins: boolean;
  /** The race day the page header prints, ISO. */
  date: string | null;
}

const STATUS: Record<string, ParsedSwim["status"]> = { DSQ: "DQ", DQ: "DQ", DNS: "DNS", DNF: "DNF" };
const SPLIT_RANK = /^\(=?\d+\)\s*/;
const TIME_TOKEN = /^(\d{1,2}:)?\d{1,2}\.\d\d$/;
const LABELLED_SPLIT = /(\d+)m\s+(?:\(=?\d+\)\s+)?(\d{1,2}:\d\d\.\d\d|\d{1,2}\.\d\d)/g;

export function parseOrisResults(doc: PdfText, options: OrisParseOptions): OrisParseResult {
  const swims: ParsedSwim[] = [];
  const warnings: string[] = [];
  for (const page of doc.pages) {
    const pageEvent = readPageEvent(page, options.course);
    if (pageEvent === "unreadable") {
      warnings.push(`Page ${page.number}: a results table whose event title could not be read was skipped.`);
      continue;
    }
    if (!pageEvent) continue;
    const before = swims.length;
    new PageReader(page, pageEvent, swims).read();
    // Pages that carry only the header and the legend (a table's last page) are not a problem.
    const hasTimes = page.lines.some((line) => line.items.some((item) => TIME_TOKEN.test(item.str.trim())));
    if (swims.length === before && hasTimes) {
      warnings.push(`Page ${page.number}: a results table was found but no swims could be read from it.`);
    }
  }
  return { swims, warnings };
}

/**
 * The event of a results page, null for pages that are not results (medallists, standings, records),
 * or "unreadable" for a results table under a title that names no distance.
 */
function readPageEvent(page: Page, course: Course | null): PageEvent | "unreadable" | null {
  let code: ReportCode | null = null;
  for (const line of page.lines) {
    const first = line.items[0]?.str ?? "";
    if (first.startsWith("SWM")) code ??= parseReportCode(first);
  }
  if (code && code.reportType !== 73 && code.reportType !== 74) return null;
  const isResults = page.lines.some((line) => /^Results(\s+Summary)?$/.test(line.items[0]?.str.trim() ?? ""));
  if (!isResults) return null;
  const headerIndex = page.lines.findIndex((line) => line.items.some((item) => item.str === "Rank"));
  if (headerIndex < 0) return null;
  const top = page.lines.slice(0, headerIndex);
  const title = firstTitle(top, parseEventTitle) ?? firstTitle(top, parseUnknownEventTitle);
  if (!title) return "unreadable";
  const number =
    firstMatch(top, /^\s*Event\s+(\d+)\b/) ??
    firstMatch(top, /Event Number\s+(\d+)/) ??
    firstMatch(top, /EVENT NO\.\s+(\d+)/);
  const startLine = top.find((line) => /Start Time/.test(line.text))?.text ?? "";
  const words = `${title.rest} ${startLine}`;
  const skins = isSkins(code, title);
  return {
    round: roundOf(code, words),
    roundLabel: roundLabelOf(code, words, skins),
    skins,
    date: pageRaceDate(page),
    event: {
      number,
      name: title.name,
      distance: title.relay ? title.distance * 4 : title.distance,
      stroke: title.stroke,
      relay: title.relay,
      ageGroup: title.ageGroup,
      gender: code?.gender ?? title.gender,
      course,
    },
  };
}

function firstTitle(lines: Line[], parse: (text: string) => EventTitle | null): EventTitle | null {
  for (const line of lines) {
    const title = parse(line.text);
    if (title) return title;
  }
  return null;
}

function firstMatch(lines: Line[], pattern: RegExp): string | null {
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Walks one page's lines top to bottom, keeping the current columns, heat and swim. */
class PageReader {
  private columns: Column[] | null = null;
  private heat: number | null = null;
  private current: ParsedSwim | null = null;
  private readonly skip = new Set<Line>();
  private round: Round;
  private roundLabel: string | null;
  /** Section labels seen so far; a label printed twice ("Final", "Final") means two heats of it. */
  private readonly sections: string[] = [];
  private readonly sectionOf = new Map<ParsedSwim, number>();

  constructor(
    private readonly page: Page,
    private readonly pageEvent: PageEvent,
    private readonly out: ParsedSwim[],
  ) {
    this.round = pageEvent.round;
    this.roundLabel = pageEvent.roundLabel;
  }

  read(): void {
    this.readLines();
    const repeated = this.sections.filter((label, i) => this.sections.indexOf(label) !== i);
    if (repeated.length === 0) return;
    for (const [swim, index] of this.sectionOf) {
      const label = this.sections[index];
      if (swim.heat === null && label !== undefined && repeated.includes(label)) {
        swim.heat = this.sections.slice(0, index + 1).filter((l) => l === label).length;
      }
    }
  }

  private readLines(): void {
    const lines = this.page.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (this.skip.has(line)) continue;
      const first = line.items[0]?.str.trim() ?? "";
      const heatMatch = /^Heat\s+(\d+)\s+of\s+\d+/.exec(line.text.trim());
      if (heatMatch) {
        this.heat = Number(heatMatch[1]);
        continue;
      }
      // Skins sheets print all rounds on one page under "Round 1", "Round 2", "Final".
      if (/^(Round\s+\d|Final|Semifinals?)$/.test(line.text.trim())) {
        this.round = roundOf(null, line.text.trim());
        this.roundLabel = this.pageEvent.skins ? roundLabelOf(null, line.text.trim(), true) : null;
        this.sections.push(line.text.trim());
        continue;
      }
      if (line.items.some((item) => item.str === "Rank")) {
        this.columns = this.buildColumns(lines, i);
        this.current = null;
        continue;
      }
      if (/^(Legend:|Note:|Official Timekeeping|SWM)/.test(first)) {
        this.columns = null;
        this.current = null;
        continue;
      }
      if (!this.columns) continue;
      if (/^\d+m$|^\d+m\s/.test(first)) {
        this.readLabelledSplits(line);
        continue;
      }
      if (this.readRow(line, this.columns)) continue;
      if (this.pageEvent.event.relay) this.readLeg(line, this.columns);
    }
  }

  /** Header labels on the "Rank" line and the label lines just above and below it give the columns. */
  private buildColumns(lines: Line[], index: number): Column[] {
    const main = lines[index] as Line;
    const columns: Column[] = [];
    const add = (item: TextItem, kind: ColumnKind, distance?: number): void => {
      columns.push({ kind, left: item.x, right: item.right, ...(distance ? { distance } : {}) });
    };
    for (const item of main.items) {
      const label = item.str.trim();
      const split = /^(\d+)m$/.exec(label);
      if (label === "Rank") add(item, "rank");
      else if (label === "Heat") add(item, "heat");
      else if (label === "Lane") add(item, "lane");
      else if (/Name$/.test(label)) add(item, "name");
      else if (label === "R.T.") add(item, "rt");
      else if (label === "Time") add(item, "time");
      else if (label === "Gender") add(item, "gender");
      else if (/Code$/.test(label)) add(item, "team");
      else if (/Birth$/.test(label)) add(item, "birth");
      else if (/points$/.test(label)) add(item, "points");
      else if (split) add(item, "split", Number(split[1]));
    }
    // Two-line labels ("Club / Code", "Year of / Birth", "Time / Behind") end on the line below.
    for (const neighbour of [lines[index - 1], lines[index + 1]]) {
      if (!neighbour || Math.abs(neighbour.y - main.y) > 9) continue;
      if (neighbour.items.some((item) => /\d/.test(item.str))) continue;
      this.skip.add(neighbour);
      for (const item of neighbour.items) {
        const label = item.str.trim();
        if (label === "Code") add(item, "team");
        else if (label === "Class") add(item, "class");
        else if (label === "Birth") add(item, "birth");
        else if (label === "Behind") add(item, "behind");
        else if (label === "points") add(item, "points");
      }
    }
    return columns.sort((a, b) => a.left - b.left);
  }

  /** A result row: rank/heat/lane numbers, then a name in the name column. Returns false otherwise. */
  private readRow(line: Line, columns: Column[]): boolean {
    const nameCol = columns.find((column) => column.kind === "name");
    if (!nameCol) return false;
    const items = line.items;
    let i = 0;
    const numbers: RowNumber[] = [];
    while (
      i < items.length &&
      /^=?\d+=?$/.test(items[i]?.str.trim() ?? "") &&
      (items[i] as TextItem).right < nameCol.left + 2
    ) {
      const item = items[i] as TextItem;
      const column = nearest(
        item,
        columns.filter((c) => c.kind === "rank" || c.kind === "heat" || c.kind === "lane"),
      );
      if (column) {
        numbers.push({
          kind: column.kind,
          value: Number(item.str.replace("=", "")),
          tie: item.str.includes("="),
        });
      }
      i++;
    }
    if (numbers.length === 0) return false;
    const nameItem = items[i];
    if (!nameItem || !/\p{L}/u.test(nameItem.str) || Math.abs(nameItem.x - nameCol.left) > 12) return false;
    const afterName = columns.filter((column) => column.left > nameCol.left + 4);
    const nameEnd = Math.min(...afterName.map((column) => column.left - 3), Number.POSITIVE_INFINITY);
    const nameParts: string[] = [];
    while (i < items.length && (items[i] as TextItem).x < nameEnd) {
      nameParts.push((items[i] as TextItem).str.trim());
      i++;
    }
    const fields = assignColumns(items.slice(i), afterName);
    // A long name can run into the next column and fuse with its code ("… AnnaZZA", "… AnnaSM6").
    const fused = /^(.*\p{Ll})((?:S|SB|SM)\d{1,2}|[A-Z]{3})$/u.exec(nameParts.join(" "));
    if (fused?.[1] && fused[2]) {
      const kind: ColumnKind = /\d/.test(fused[2]) ? "class" : "team";
      const column = afterName.find((c) => c.kind === kind);
      if (column && !fields.some((f) => f.column.kind === kind)) {
        nameParts.splice(0, nameParts.length, fused[1]);
        fields.push({ column, text: fused[2] });
      }
    }
    this.current = this.pageEvent.event.relay
      ? this.makeRelay(nameParts.join(" "), numbers, fields)
      : this.makeIndividual(nameParts.join(" "), numbers, fields);
    this.out.push(this.current);
    if (this.sections.length > 0) this.sectionOf.set(this.current, this.sections.length - 1);
    return true;
  }

  private baseSwim(numbers: RowNumber[], fields: Field[]): ParsedSwim {
    const { event } = this.pageEvent;
    const round = this.round;
    const number = (kind: ColumnKind): number | null => numbers.find((n) => n.kind === kind)?.value ?? null;
    const tie = numbers.some((n) => n.kind === "rank" && n.tie);
    const tokens = fields.flatMap((f) => f.text.trim().split(/\s+/));
    const status = tokens.map((token) => STATUS[token]).find((s) => s !== undefined) ?? "OK";
    const time = status === "OK" ? fieldValue(fields, "time", TIME_TOKEN) : null;
    const timeMs = time ? parseSwimTime(time) : null;
    const pointsText = fieldValue(fields, "points", /^-?\d+(\.\d+)?$/);
    const points = pointsText ? Number(pointsText) : null;
    const rtText = fieldValue(fields, "rt", /^-?\d+\.\d\d$/);
    const reactionTime = rtText ? Number(rtText) : null;
    return {
      name: "",
      firstName: null,
      lastName: null,
      age: null,
      birthYear: null,
      team: null,
      gender: event.gender,
      event,
      round,
      heat: number("heat") ?? this.heat,
      lane: number("lane"),
      place: status === "OK" ? number("rank") : null,
      tie: status === "OK" && tie,
      roundLabel: this.roundLabel,
      date: this.pageEvent.date,
      time: timeMs === null ? null : time,
      timeMs,
      seedTime: null,
      status: timeMs === null && status === "OK" ? "DNS" : status,
      dqReason: null,
      points,
      reactionTime,
      splits: [],
      relayLegs: [],
      page: this.page.number,
    };
  }

  private makeIndividual(printed: string, numbers: RowNumber[], fields: Field[]): ParsedSwim {
    const swim = this.baseSwim(numbers, fields);
    const name = printed.trim();
    const parts = splitPrintedName(name);
    swim.name = name;
    swim.firstName = parts.firstName;
    swim.lastName = parts.lastName;
    swim.team = fieldText(fields, "team");
    const birth = /(\d{4})$/.exec(fieldText(fields, "birth") ?? "");
    swim.birthYear = birth ? Number(birth[1]) : null;
    for (const field of fields) {
      if (field.column.kind !== "split" || !field.column.distance) continue;
      const ms = parseSwimTime(field.text.replace(SPLIT_RANK, ""));
      if (ms !== null) swim.splits.push({ distance: field.column.distance, timeMs: ms });
    }
    finishSplits(swim);
    return swim;
  }

  private makeRelay(printed: string, numbers: RowNumber[], fields: Field[]): ParsedSwim {
    const swim = this.baseSwim(numbers, fields);
    swim.name = printed;
    swim.team = /^([A-Z]{2,4})\s+-\s+/.exec(printed)?.[1] ?? printed;
    swim.reactionTime = null;
    return swim;
  }

  /** A relay leg line under a team row: swimmer name, reaction time, leg splits, cumulative time. */
  private readLeg(line: Line, columns: Column[]): void {
    const swim = this.current;
    const first = line.items[0];
    if (!swim?.event.relay || !first || !/^\p{L}/u.test(first.str.trim()) || swim.relayLegs.length >= 4)
      return;
    const nameCol = columns.find((column) => column.kind === "name");
    const rest = assignColumns(
      line.items.slice(1),
      columns.filter((column) => !nameCol || column.left > nameCol.left + 4),
    );
    const order = swim.relayLegs.length + 1;
    const legDistance = swim.event.distance / 4;
    const start =
      order === 1 ? 0 : (swim.splits.find((s) => s.distance === legDistance * (order - 1))?.timeMs ?? null);
    let legMs: number | null = null;
    const legSplits: ParsedSplit[] = [];
    for (const field of rest) {
      if (field.column.kind !== "split" || !field.column.distance) continue;
      const ms = parseSwimTime(field.text);
      if (ms === null) continue;
      if (field.column.distance === legDistance) legMs = ms;
      else if (start !== null)
        legSplits.push({ distance: legDistance * (order - 1) + field.column.distance, timeMs: start + ms });
    }
    const cumulativeText = fieldValue(rest, "time", TIME_TOKEN);
    const cumulative = cumulativeText ? parseSwimTime(cumulativeText) : null;
    // A garbled line can print a relay-so-far time in a leg column; a leg is never that long.
    if (start === null && legMs !== null && cumulative !== null && order > 1 && legMs >= cumulative)
      legMs = null;
    // Leg times are the reliable figures: some sheets print the first four 50m splits in the
    // cumulative column instead of the leg ends, so that column is used only when a leg time is missing.
    const end =
      start !== null && legMs !== null ? start + legMs : (cumulative ?? (order === 4 ? swim.timeMs : null));
    if (legMs === null && end !== null && start !== null && end > start) legMs = end - start;
    swim.splits.push(...legSplits);
    if (end !== null && (start === null || end > start))
      swim.splits.push({ distance: legDistance * order, timeMs: end });
    const leg: ParsedRelayLeg = { name: first.str.trim(), order, timeMs: legMs };
    swim.relayLegs.push(leg);
  }

  /** "50m 26.24   100m 55.80 …" under an individual row: cumulative splits (the line below holds laps). */
  private readLabelledSplits(line: Line): void {
    const swim = this.current;
    if (!swim || swim.event.relay) return;
    for (const match of line.text.matchAll(LABELLED_SPLIT)) {
      const ms = parseSwimTime(match[2] ?? "");
      if (ms !== null) swim.splits.push({ distance: Number(match[1]), timeMs: ms });
    }
    finishSplits(swim);
  }
}

interface Field {
  column: Column;
  text: string;
}

function fieldText(fields: Field[], kind: ColumnKind): string | null {
  const field = fields.find((f) => f.column.kind === kind);
  return field ? field.text.trim() : null;
}

/** The first token of a column that looks like a number or time (marks such as "Q" or "WR" can share it). */
function fieldValue(fields: Field[], kind: ColumnKind, pattern: RegExp): string | null {
  const text = fieldText(fields, kind)?.replace(SPLIT_RANK, "");
  if (!text) return null;
  return text.split(/\s+/).find((token) => pattern.test(token)) ?? null;
}

/** Gives each item the column it lines up with (numbers align right, codes align left). */
function assignColumns(items: TextItem[], columns: Column[]): Field[] {
  const fields: Field[] = [];
  for (const item of items) {
    const column = nearest(item, columns);
    if (!column) continue;
    const existing = fields.find((f) => f.column === column);
    if (existing) existing.text += ` ${item.str}`;
    else fields.push({ column, text: item.str });
  }
  return fields;
}

function nearest(item: TextItem, columns: Column[]): Column | null {
  let best: Column | null = null;
  let bestDistance = 25;
  for (const column of columns) {
    const distance = Math.min(Math.abs(item.right - column.right), Math.abs(item.x - column.left));
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Sorts splits, drops duplicates, and ends them with the finish, as the other formats print it:
 * after the intermediate splits, or alone for a one-length (50m) swim.
 */
function finishSplits(swim: ParsedSwim): void {
  const byDistance = new Map<number, number>();
  for (const split of swim.splits) byDistance.set(split.distance, split.timeMs);
  const distance = swim.event.distance;
  for (const key of byDistance.keys()) if (key > distance) byDistance.delete(key);
  if ((byDistance.size > 0 || distance === 50) && swim.timeMs !== null) byDistance.set(distance, swim.timeMs);
  swim.splits = [...byDistance.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, timeMs]) => ({ distance: d, timeMs }));
}
