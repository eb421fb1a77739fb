/**
 * Walks the result lists of an EasyWk "Protokoll": event titles, ranking groups (Jahrgang …), the
 * "Platz … Endzeit" header whose labels give the columns, ranked rows, status blocks (disqualifiziert,
 * nicht am Start, abgemeldet, aufgegeben) with their DQ notes, split lines and relay leg lines. The
 * "Abschnitt N - Samstag 30.11.2019" heading before each session dates the swims after it.
 */
import type { Course, Round, SwimStatus } from "@splitstream/shared";
import type { Line, PdfText, TextItem } from "../pdf/text-layout.ts";
import { type EasyWkEventTitle, type EasyWkTitleLine, parseEasyWkTitle } from "./easywk-event.ts";
import type { ParsedSwim } from "./format-parser.ts";
import { isoDay } from "./iso-day.ts";
import { parseSwimTime } from "./swim-time.ts";

// Status block headings, printed on their own line above the swimmers they apply to.
const STATUS_WORDS: Array<[RegExp, SwimStatus]> = [
  [/^(disqualifiziert|disq\.?|ds)$/i, "DQ"],
  [/^(nicht am start|nicht angetreten|n\.\s?a\.|na)$/i, "DNS"],
  [/^(aufgegeben|aufg\.?|au)$/i, "DNF"],
  [/^(abgemeldet|abgem\.?|ab)$/i, "SCR"],
  [/^(außer konkurrenz|a\.\s?k\.|ak)$/i, "EXH"],
];

// Tables that follow the results and list swimmers again (best points, team scores, officials).
const SECTION_END =
  /^(noch\s+)?(Punktbeste|Zwischenstand|Beste Mannschaft|Mannschaftswertung|Medaillenspiegel|Kampfgericht|Wettkampffolge|Anzahl Meldungen|Abschnitt\s+\d)/i;

const GROUP =
  /^(noch\s+)?(Jahrg|Offene Wertung|Junioren|Masters|AK\s|Altersklasse|\d{4}\b.*(älter|jünger)|\d{4}\s*[-/]\s*\d{4})/i;
// "4." ranked; "=4." or "4.=" where the list marks a shared place (a place printed twice is one too).
const PLACE = /^(=)?(\d+)\.(=)?$/;
// "Abschnitt 2 - Samstag 30.11.2019": a session heading with its day.
const SESSION = /^Abschnitt\s+\d+\b(.*)$/i;
const GERMAN_DATE = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/;
const TIME = /^\d{1,2}:\d{2}[,.]\d{1,2}$|^\d{1,2}[,.]\d{2}$/;
const SPLIT = /(\d+)\s*m:\s*((?:\d{1,2}:)?\d{1,2}[,.]\d{1,2})/g;
const BIRTH_YEAR = /^(\d{4})(?:\s*\(([MWX])\))?$/;

interface Columns {
  place: number;
  name: number;
  year: number;
  club: number;
  time: number;
}

export interface EasyWkResults {
  swims: ParsedSwim[];
  warnings: string[];
}

export function readEasyWkResults(doc: PdfText, course: Course | null): EasyWkResults {
  const walker = new ResultsWalker(course);
  for (const page of doc.pages) {
    for (const line of page.lines) walker.read(line, page.number);
  }
  return { swims: walker.swims, warnings: walker.warnings };
}

class ResultsWalker {
  readonly swims: ParsedSwim[] = [];
  readonly warnings: string[] = [];
  private title: EasyWkEventTitle | null = null;
  /** An event whose title gives no distance: its rows are skipped, with one warning. */
  private unreadable: { number: string; name: string; warned: boolean } | null = null;
  private sessionDate: string | null = null;
  /** The ranked swim before, to see a place printed twice (a tie). */
  private lastRanked: ParsedSwim | null = null;
  /** The team's time at the end of the previous relay leg; null when that leg printed none. */
  private legEndMs: number | null = 0;
  private group: string | null = null;
  private pendingGroup: string | null = null;
  private columns: Columns | null = null;
  private status: SwimStatus | null = null;
  private current: ParsedSwim | null = null;
  private noteOpen = false;

  constructor(private readonly course: Course | null) {}

  read(line: Line, page: number): void {
    const text = line.text.trim();
    const first = line.items[0];
    if (!first) return;
    const titleLine = parseEasyWkTitle(text, this.course);
    if (titleLine) {
      this.startEvent(titleLine);
      return;
    }
    const session = SESSION.exec(text);
    // A session heading without a day must not keep the day of the session before.
    if (session) this.sessionDate = germanDate(session[1]!);
    if (SECTION_END.test(text)) {
      this.title = null;
      this.unreadable = null;
      this.columns = null;
      this.resetBlock();
      return;
    }
    if (!this.title) {
      if (first.str === "Platz") this.warnUnreadable();
      return;
    }
    if (first.str === "Platz") {
      this.readHeader(line);
      return;
    }
    if (line.items.length === 1 && (GROUP.test(text) || first.size >= 11.5)) {
      // "noch Jahrgang …" continues a group over a page break, status block included.
      if (!/^noch\s/i.test(text)) this.resetBlock();
      this.pendingGroup = text.replace(/^noch\s+/i, "");
      return;
    }
    if (!this.columns) return;
    const status = STATUS_WORDS.find(([pattern]) => pattern.test(text))?.[1];
    if (status && line.items.length === 1) {
      this.status = status;
      this.current = null;
      this.noteOpen = false;
      return;
    }
    if (/^\d+\s*m:/.test(first.str) && !this.title.event.relay) {
      this.readSplits(text);
      return;
    }
    if (this.title.event.relay && this.isLegLine(line)) {
      this.readLeg(line);
      return;
    }
    if (/^Uhrzeit der Bekanntgabe/i.test(text)) {
      this.noteOpen = false;
      return;
    }
    if (line.items.length > 1 && this.readRow(line, page)) return;
    // A disqualification's reason follows its row, sometimes over several lines.
    if (this.noteOpen && this.current) {
      this.current.dqReason = this.current.dqReason ? `${this.current.dqReason} ${text}` : text;
    }
  }

  private startEvent(line: EasyWkTitleLine): void {
    const previousNumber = this.title?.event.number ?? this.unreadable?.number;
    const continued = line.continued && previousNumber === line.number;
    this.columns = null;
    this.title = line.title;
    // Never let an unreadable title's rows fall to the event before it.
    if (!line.title) {
      if (!continued) this.unreadable = { number: line.number, name: line.name, warned: false };
    } else {
      this.unreadable = null;
    }
    if (continued) return;
    this.group = null;
    this.pendingGroup = null;
    this.resetBlock();
  }

  private warnUnreadable(): void {
    const event = this.unreadable;
    if (!event || event.warned) return;
    event.warned = true;
    this.warnings.push(
      `EasyWk: Wettkampf ${event.number} "${event.name}" prints no distance; its results were skipped.`,
    );
  }

  private resetBlock(): void {
    this.status = null;
    this.current = null;
    this.noteOpen = false;
    this.lastRanked = null;
  }

  private readHeader(line: Line): void {
    const at = (pattern: RegExp) => line.items.find((item) => pattern.test(item.str));
    const name = at(/^Schwimmer|^Name|^Mannschaft/i);
    const year = at(/^(Jg\.?|Jahrgang|AK)$/i);
    const club = at(/^Verein/i);
    const time = at(/^Endzeit|^Zeit$/i);
    // "Platz … Punkte" heads a points ranking, not results.
    if (!name || !club || !time) {
      this.columns = null;
      return;
    }
    this.columns = {
      place: line.items[0]!.x,
      name: name.x,
      year: year?.x ?? (name.x + club.x) / 2,
      club: club.x,
      time: time.x,
    };
    this.group = this.pendingGroup ?? this.group;
    if (this.title) this.title = { ...this.title, event: { ...this.title.event, ageGroup: this.group } };
    // A status block can run on across a page break; the repeated header does not end it.
  }

  /** A ranked row ("12.  Doe, Jane  2009  Club  01:02,34  345  12") or a row under a status heading. */
  private readRow(line: Line, page: number): boolean {
    const columns = this.columns!;
    const title = this.title!;
    const items = [...line.items];
    const placeMatch = PLACE.exec(items[0]!.str);
    const place = placeMatch && items[0]!.x < columns.name - 4 ? Number(placeMatch[2]) : null;
    const markedTie = place !== null && (placeMatch![1] !== undefined || placeMatch![3] !== undefined);
    if (place !== null) items.shift();
    const nameItem = items[0];
    if (!nameItem || Math.abs(nameItem.x - columns.name) > 6) return false;
    const rest = items.slice(1);
    const yearItem = rest.find((item) => item.x < columns.club - 2 && BIRTH_YEAR.test(item.str));
    const clubItems = rest.filter((item) => item.x >= columns.club - 2 && !TIME.test(item.str));
    const timeIndex = rest.findIndex((item) => item.x >= columns.club - 2 && TIME.test(item.str));
    const timeItem = timeIndex >= 0 ? rest[timeIndex] : undefined;
    const club = clubItems
      .filter((item) => !timeItem || item.x < timeItem.x)
      .map((item) => item.str)
      .join(" ")
      .trim();
    if (place === null && this.status === null && !timeItem) {
      return false;
    }
    const afterTime = timeIndex >= 0 ? rest[timeIndex + 1] : undefined;
    // DSV points sit right after the time; cup points further right are not the swim's.
    const points =
      timeItem && afterTime && /^\d+$/.test(afterTime.str) && afterTime.x - timeItem.right < 30
        ? Number(afterTime.str)
        : null;
    // Swims "außer Konkurrenz" keep their time but are not ranked.
    const exhibition = place === null && this.status === "EXH";
    const status: SwimStatus = exhibition
      ? "EXH"
      : place !== null || timeItem
        ? "OK"
        : (this.status ?? "DNS");
    const time = (status === "OK" || status === "EXH") && timeItem ? timeItem.str : null;
    const timeMs = time ? parseSwimTime(time) : null;
    const printed = nameItem.str.trim();
    const relay = title.event.relay;
    const year = yearItem ? BIRTH_YEAR.exec(yearItem.str) : null;
    const comma = printed.indexOf(",");
    const swim: ParsedSwim = {
      name: relay ? `${club} ${printed}`.trim() : printed,
      firstName: !relay && comma > 0 ? printed.slice(comma + 1).trim() || null : null,
      lastName: !relay && comma > 0 ? printed.slice(0, comma).trim() : null,
      age: null,
      birthYear: !relay && year ? Number(year[1]) : null,
      team: club || null,
      gender: title.event.gender === "X" && !relay ? null : title.event.gender,
      event: title.event,
      round: title.round as Round,
      roundLabel: title.roundLabel,
      date: this.sessionDate,
      heat: null,
      lane: null,
      place: status === "OK" ? place : null,
      time: timeMs === null ? null : time,
      timeMs,
      seedTime: null,
      status,
      dqReason: null,
      points,
      reactionTime: null,
      splits: [],
      relayLegs: [],
      page,
    };
    finishSplits(swim);
    this.swims.push(swim);
    if (swim.place !== null) this.markTie(swim, markedTie);
    this.current = swim;
    this.legEndMs = 0;
    this.noteOpen = status === "DQ";
    return true;
  }

  /** EasyWk prints a shared place on each row that shares it: "8." twice in a row. */
  private markTie(swim: ParsedSwim, marked: boolean): void {
    const previous = this.lastRanked;
    if (
      previous &&
      previous.place === swim.place &&
      previous.event.number === swim.event.number &&
      previous.event.ageGroup === swim.event.ageGroup
    ) {
      previous.tie = true;
      swim.tie = true;
    }
    if (marked) swim.tie = true;
    this.lastRanked = swim;
  }

  private readSplits(text: string): void {
    const swim = this.current;
    if (!swim) return;
    for (const match of text.matchAll(SPLIT)) {
      const ms = parseSwimTime(match[2]!);
      if (ms !== null) swim.splits.push({ distance: Number(match[1]), timeMs: ms });
    }
    finishSplits(swim);
  }

  /** Relay legs: "Doe, Jane   2007 (W)   100m: 01:03,24" (the split is cumulative at the leg's end). */
  private isLegLine(line: Line): boolean {
    const swim = this.current;
    if (!swim?.event.relay || swim.relayLegs.length >= 4) return false;
    const first = line.items[0]!;
    // DQ notes are single items (and may hold commas); leg lines also print the birth year.
    if (PLACE.test(first.str) || line.items.length < 2) return false;
    return first.str.includes(",") || line.items.some((item) => /^\d+\s*m:/.test(item.str));
  }

  private readLeg(line: Line): void {
    const swim = this.current!;
    const nameItem: TextItem = line.items[0]!;
    const order = swim.relayLegs.length + 1;
    let legMs: number | null = null;
    const match = [...line.text.matchAll(SPLIT)].pop();
    const cumulative = match ? parseSwimTime(match[2]!) : null;
    if (match && cumulative !== null) {
      // The PDF prints the team's time at the leg's end; the swimmer's own leg is what it adds,
      // known only when the leg before printed its end too.
      if (this.legEndMs !== null && cumulative > this.legEndMs) legMs = cumulative - this.legEndMs;
      swim.splits.push({ distance: Number(match[1]), timeMs: cumulative });
    }
    this.legEndMs = cumulative;
    swim.relayLegs.push({ name: nameItem.str.trim(), order, timeMs: legMs });
  }
}

/** Sorts splits and ends them with the finish when there are intermediate splits. */
function finishSplits(swim: ParsedSwim): void {
  const byDistance = new Map<number, number>();
  for (const split of swim.splits) byDistance.set(split.distance, split.timeMs);
  for (const key of byDistance.keys()) if (key > swim.event.distance) byDistance.delete(key);
  // The finish ends the splits, and is the one split of a one-length (50m) swim, as the other formats give it.
  const oneLength = swim.event.distance === 50 && !swim.event.relay;
  if ((byDistance.size > 0 || oneLength) && swim.timeMs !== null)
    byDistance.set(swim.event.distance, swim.timeMs);
  swim.splits = [...byDistance.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([distance, timeMs]) => ({ distance, timeMs }));
}

/** The first "30.11.2019" in a text as an ISO day, or null. */
function germanDate(text: string): string | null {
  const match = GERMAN_DATE.exec(text);
  if (!match) return null;
  const [, day = "", month = "", year = ""] = match;
  return isoDay(year, month, day);
}
