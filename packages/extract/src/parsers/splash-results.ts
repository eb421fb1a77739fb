/**
 * Walks Splash Meet Manager result pages: session and event titles with their race dates, the
 * "Results <round>" line, the column header, ranked rows (ties print no rank), status rows (DSQ,
 * DNS, WDR, AFGEM …) with their DQ reason lines, sub-headings (Final A/B, age groups), labelled
 * split lines, split columns and relay leg lines.
 */
import type { Course, Round, SwimStatus } from "@splitstream/shared";
import type { Line, PdfText } from "../pdf/text-layout.ts";
import type { ParsedSwim } from "./format-parser.ts";
import { splitPrintedName } from "./oris-name.ts";
import {
  type Column,
  columnOf,
  readHeader,
  rowTokens,
  STATUS_CODES,
  statusOf,
  TIME_TOKEN,
  type Token,
} from "./splash-columns.ts";
import { raceDateOf, sessionDateOf } from "./splash-dates.ts";
import { parseSplashTitle, roundFromWords, roundLabelOf, type SplashTitle } from "./splash-event.ts";
import { parseSwimTime } from "./swim-time.ts";

const RESULTS_LINE = /\b(results|resultaten|uitslagen|uitslag|résultats|ergebnisse)\b(.*)$/i;
const FOOTER = /Splash Meet Manager|Registered to|Geregistreerd|^Q = |^\S+ = qualified/i;
const PLACE = /^(\d+)\.$/;
const LABEL = /^(\d{2,5})\s*m:/;
const LABELLED_SPLIT = /(\d{2,5})\s*m:\s+((?:\d{1,2}:){0,2}\d{1,2}[.,]\d{2})(?![\d:])/g;
const RT = /^[+-]\d[.,]\d{2}$/;
const DQ_REASON = /^\*?[A-Z]{1,4}\s*\d*(?:\.\d+)*\s*[a-z]?\s+-\s+/;
const MARK = /^(\*|\?|[A-Z]{1,3}|[A-Z]{1,3}\*|NMR|WJ|ER|WR)$/;

export interface SplashResults {
  swims: ParsedSwim[];
  warnings: string[];
}

export interface SplashReadOptions {
  /** Last year the meet's races name: two-digit years of birth are read against it. */
  meetYear: number | null;
  /** The pool's course where the document says it. */
  course: Course | null;
}

export function readSplashResults(doc: PdfText, options: SplashReadOptions): SplashResults {
  const walker = new ResultsWalker(options);
  for (const page of doc.pages) {
    for (const line of page.lines) walker.read(line, page.number);
  }
  return { swims: walker.swims, warnings: walker.warnings };
}

class ResultsWalker {
  readonly swims: ParsedSwim[] = [];
  readonly warnings: string[] = [];
  private title: SplashTitle | null = null;
  private round: Round = "timed_final";
  private roundLabel: string | null = null;
  /** Day of the event in progress (its date line), else of the session. */
  private date: string | null = null;
  private sessionDate: string | null = null;
  private group: string | null = null;
  private columns: Column[] | null = null;
  private current: ParsedSwim | null = null;
  private lastPlace: number | null = null;
  /** The row that printed `lastPlace`: a rankless row after it shares its place. */
  private lastRanked: ParsedSwim | null = null;
  private legLines = 0;
  private dqOpen = false;
  private page = 0;
  private heat: number | null = null;
  private reasonX: number | null = null;
  private pageTop = true;
  private readonly meetHeader: string[] = [];

  constructor(private readonly options: SplashReadOptions) {}

  read(line: Line, page: number): void {
    const text = line.text.trim();
    if (!text || FOOTER.test(text)) return;
    if (page !== this.page) {
      // Nothing runs on across a page break but the table itself: the page header is no relay leg.
      this.page = page;
      this.current = null;
      this.dqOpen = false;
      this.pageTop = true;
    }
    if (this.pageTop) {
      // The meet name and venue/date lines head every page until its first event title or row.
      if (this.meetHeader.length < 2 && page === 1 && !parseSplashTitle(line)) {
        this.meetHeader.push(text);
        return;
      }
      if (this.meetHeader.includes(text)) return;
      this.pageTop = false;
    }
    const sessionDate = sessionDateOf(line);
    if (sessionDate) {
      this.sessionDate = sessionDate;
      return;
    }
    const title = parseSplashTitle(line);
    if (title) {
      this.startEvent(title);
      return;
    }
    if (!this.title) return;
    // An event whose distance cannot be read has no usable rows (startEvent warned).
    if (!this.title.event) return;
    const raceDate = this.columns ? null : raceDateOf(line);
    if (raceDate) this.date = raceDate;
    const results = RESULTS_LINE.exec(text);
    if (results && !this.columns) {
      this.round = roundFromWords(results[2] ?? "") ?? this.title.round ?? "timed_final";
      this.roundLabel = roundLabelOf(results[2] ?? "");
      return;
    }
    const header = readHeader(line);
    if (header) {
      this.columns = header;
      this.current = null;
      this.dqOpen = false;
      return;
    }
    const columns = this.columns;
    if (!columns) return;
    const tokens = rowTokens(line.items);
    const first = tokens[0];
    if (!first) return;
    if (LABEL.test(first.str)) {
      this.readSplitLine(text);
      return;
    }
    // A disqualification's reason follows its row ("GN - Starting before the signal", "SW 4.4 - Valse start"),
    // sometimes over two lines that start where it starts.
    const current = this.current;
    if (current?.event.relay && this.readLegList(text)) return;
    if (this.dqOpen && current && DQ_REASON.test(text)) {
      current.dqReason = current.dqReason ? `${current.dqReason} ${text}` : text;
      this.reasonX = first.x;
      return;
    }
    if (this.readSubHeading(line, tokens, columns)) return;
    const continues = this.reasonX !== null && Math.abs(first.x - this.reasonX) < 3;
    if (this.dqOpen && current?.dqReason && continues && !tokens.some((t) => TIME_TOKEN.test(t.str))) {
      current.dqReason = `${current.dqReason} ${text}`;
      return;
    }
    // Leg lines are indented past the rank column; session and heading lines are not.
    if (this.title.event.relay && first.x > columns[0]!.left + 3 && this.readLegLine(tokens)) return;
    this.readRow(tokens, columns, page);
  }

  private startEvent(title: SplashTitle): void {
    const previous = this.title;
    if (title.continued && previous?.number === title.number) {
      // Continuation pages repeat the title with the round and age group of the list in progress;
      // the event keeps its printed name and date.
      const event =
        title.event && previous.event
          ? {
              ...title.event,
              name: previous.event.name,
              ageGroup: title.event.ageGroup ?? previous.event.ageGroup,
            }
          : title.event;
      this.title = { ...title, name: previous.name, event };
      if (title.round && title.round !== this.round) {
        this.round = title.round;
        this.roundLabel = title.roundLabel;
      }
      // The column header is not always repeated: keep the columns until a new header comes.
    } else {
      this.title = title;
      this.round = title.round ?? "timed_final";
      this.roundLabel = title.roundLabel;
      this.date = this.sessionDate;
      this.lastPlace = null;
      this.lastRanked = null;
      this.columns = null;
      this.heat = null;
      if (!title.event) {
        this.warnings.push(
          `Event ${title.number} ("${title.name}"): no distance could be read from its title; its rows were skipped.`,
        );
      }
    }
    this.group = title.event?.ageGroup ?? null;
    this.current = null;
    this.dqOpen = false;
  }

  /** "Final A", "Open", "Junior", "11 - 17 years": a label left of the name column with no time. */
  private readSubHeading(line: Line, tokens: Token[], columns: Column[]): boolean {
    if (line.items.length !== 1 || tokens.some((t) => TIME_TOKEN.test(t.str))) return false;
    const text = line.items[0]!.str.trim();
    // Headings start at the left margin, left of the rank column; notes under a row are indented.
    if (line.items[0]!.x > columns[0]!.left + 3) return false;
    if (PLACE.test(text) || STATUS_CODES[text.toUpperCase()]) return false;
    // A status row printed as one item, code glued to the name ("DNSDOE Jon91Club"), is no heading.
    if (statusOf(tokens[0]!.str)) return false;
    const heat = /^(?:heat|serie|series|reeks|lauf)\s+(\d+)/i.exec(text);
    const round = roundFromWords(text);
    if (heat) {
      // Lists by heat ("Heat 2 of 5") number the heats of the round named in the results line.
      this.heat = Number(heat[1]);
    } else if (round && /^(final|finale|semi|heat|series|reeks|swim|[A-D][- ]?final)/i.test(text)) {
      // "Final A", "Final B": the same round, two races a person tells apart by their letter.
      this.round = round;
      this.roundLabel = roundLabelOf(text);
    } else {
      this.group = text;
    }
    this.current = null;
    this.lastPlace = null;
    this.lastRanked = null;
    this.dqOpen = false;
    return true;
  }

  private readRow(tokens: Token[], columns: Column[], page: number): boolean {
    const event = this.title!.event!;
    let index = 0;
    let place: number | null = null;
    let status: SwimStatus = "OK";
    const lead = tokens[0]!;
    const placeMatch = PLACE.exec(lead.str);
    const code = statusOf(lead.str);
    if (placeMatch) {
      place = Number(placeMatch[1]);
      index = 1;
    } else if (code) {
      status = code;
      index = 1;
    }
    const nameToken = tokens[index];
    if (!nameToken || !/\p{L}/u.test(nameToken.str) || TIME_TOKEN.test(nameToken.str)) return false;
    const rest = tokens.slice(index + 1);
    const cells = rest.map((token) => ({ token, column: columnOf(token, columns) }));
    const timeCell =
      cells.find((c) => c.column?.kind === "time" && TIME_TOKEN.test(c.token.str)) ??
      (columns.some((c) => c.kind === "time")
        ? // A time glued to a long team name ("… Federation2:13.21 866") is placed by estimate and can
          // land under the points column: it is still the row's time.
          cells.find(
            (c) =>
              c.token.glued &&
              TIME_TOKEN.test(c.token.str) &&
              c.column?.kind !== "seed" &&
              c.column?.kind !== "split",
          )
        : cells.find((c) => TIME_TOKEN.test(c.token.str) && c.column?.kind !== "seed"));
    let tie = false;
    if (place === null && status === "OK") {
      // A row without rank is a tie (same rank as the row above) and must show a time.
      if (!timeCell || this.lastPlace === null) return false;
      place = this.lastPlace;
      tie = true;
    }
    // Exhibition swims (EXH) keep their time; they are not ranked.
    const timed = status === "OK" || status === "EXH";
    const time = timed && timeCell ? timeCell.token.str : null;
    const timeMs = time ? parseSwimTime(time) : null;
    if (status === "OK" && timeMs === null) status = "DNS";
    const timeX =
      timeCell?.token.x ?? columns.find((c) => c.kind === "time")?.left ?? Number.POSITIVE_INFINITY;
    const value = (kind: Column["kind"], pattern: RegExp): string | null =>
      cells.find((c) => c.column?.kind === kind && pattern.test(c.token.str))?.token.str ?? null;
    // Team: the first words after the name that are not a year, nation, code or time.
    const teamColumn = columns.find((c) => c.kind === "team");
    const teamCell = cells.find(
      (c) =>
        c.token.x < timeX &&
        /\p{L}/u.test(c.token.str) &&
        !TIME_TOKEN.test(c.token.str) &&
        c.column?.kind !== "nat" &&
        (teamColumn ? c.column?.kind === "team" : true),
    );
    let team = teamCell?.token.str.trim() ?? null;
    let yearText = value("birth", /^\d{2}$|^\d{4}$/);
    // "CLUB/12345/06": club code, licence and year of birth in one cell (Belgian regional meets).
    const coded = team ? /^([^/]+)\/[^/]*\/(\d{2})$/.exec(team) : null;
    if (coded) {
      team = coded[1]!;
      yearText ??= coded[2]!;
    }
    const ageText = value("age", /^\d{1,2}$/);
    const pointsText = value("points", /^\d+$/);
    const rtText = cells.find((c) => RT.test(c.token.str) && (c.column?.kind === "rt" || !c.column))?.token
      .str;
    const seed = value("seed", /^(?:\d{1,2}:)?\d{1,2}[.,]\d{2}$|^NT$/i);
    let printed = nameToken.str.replace(/\s+/g, " ").trim();
    // The year of birth (and the team after it) can be glued to the name: "DOE Jane03", "DOE Jon91Club".
    const gluedYear = /^(.*?\p{L}[^\d]*?)\s*(?<!\d)(\d{2}|\d{4})(?!\d)\s*(\D.*)?$/u.exec(printed);
    if (gluedYear && columns.some((c) => c.kind === "birth" || c.kind === "age")) {
      printed = gluedYear[1]!.trim();
      yearText ??= gluedYear[2]!;
      if (gluedYear[3] && !team) team = gluedYear[3].trim();
    }
    const relay = event.relay;
    const parts =
      relay || !/\p{Ll}/u.test(printed) ? { firstName: null, lastName: null } : splitPrintedName(printed);
    const swim: ParsedSwim = {
      name: printed,
      firstName: parts.firstName,
      lastName: parts.lastName,
      age: ageText ? Number(ageText) : null,
      birthYear: !relay && yearText ? this.fullYear(yearText) : null,
      team: team || (relay ? printed : null),
      gender: event.gender === "X" && !relay ? null : event.gender,
      event: { ...event, ageGroup: this.group, course: this.options.course },
      round: this.round,
      roundLabel: this.roundLabel,
      heat: this.heat,
      lane: null,
      place: status === "OK" ? place : null,
      time: timeMs === null ? null : time,
      timeMs,
      seedTime: seed && !/^NT$/i.test(seed) ? seed : null,
      status,
      dqReason: null,
      points: timed && pointsText ? Number(pointsText) : null,
      reactionTime: rtText ? Number(rtText.replace(",", ".")) : null,
      splits: [],
      relayLegs: [],
      page,
      date: this.date,
    };
    // The shared place is printed once, on the row above: both rows tie when their times are equal.
    if (tie && this.lastRanked?.timeMs === timeMs) {
      swim.tie = true;
      this.lastRanked.tie = true;
    }
    this.lapColumns(swim, cells);
    finishSplits(swim);
    this.swims.push(swim);
    this.current = swim;
    this.legLines = 0;
    if (status === "OK") this.lastPlace = place;
    if (status === "OK" && !tie) this.lastRanked = swim;
    this.dqOpen = status === "DQ";
    this.reasonX = null;
    return true;
  }

  /** Two-digit years of birth belong to the century that keeps the swimmer at most ~ 99 years old. */
  private fullYear(text: string): number {
    const n = Number(text);
    if (text.length === 4) return n;
    const pivot = (this.options.meetYear ?? new Date().getFullYear()) % 100;
    return n <= pivot ? 2000 + n : 1900 + n;
  }

  /**
   * Split columns in the header ("50m 100m 150m 200m"): some layouts print lap times under them, others
   * cumulative times; laps add up to the final time, cumulative times grow by about a lap each.
   */
  private lapColumns(swim: ParsedSwim, cells: Array<{ token: Token; column: Column | null }>): void {
    const values = cells
      .filter((c) => c.column?.kind === "split" && TIME_TOKEN.test(c.token.str))
      .map((c) => ({ distance: c.column!.distance!, ms: parseSwimTime(c.token.str) }))
      .filter((v): v is { distance: number; ms: number } => v.ms !== null)
      .sort((a, b) => a.distance - b.distance);
    if (values.length === 0) return;
    const sum = values.reduce((total, v) => total + v.ms, 0);
    const increasing = values.every((v, i) => i === 0 || v.ms > values[i - 1]!.ms);
    const last = values[values.length - 1]!;
    const cumulative =
      values.length > 1 &&
      sum !== swim.timeMs &&
      increasing &&
      (last.ms === swim.timeMs || values[1]!.ms > values[0]!.ms * 1.4);
    if (cumulative) {
      swim.splits = values.map((v) => ({ distance: v.distance, timeMs: v.ms }));
    } else {
      const step = values[0]!.distance;
      let total = 0;
      for (const [i, v] of values.entries()) {
        // A missing lap breaks the running total: later cumulative times are unknown.
        if (v.distance !== step * (i + 1)) break;
        total += v.ms;
        swim.splits.push({ distance: v.distance, timeMs: total });
      }
    }
    finishSplits(swim);
  }

  /** "50m: 29.97 29.97  150m: 1:39.91 36.64": cumulative time (then lap) after each label; labels can be empty. */
  private readSplitLine(text: string): void {
    const swim = this.current;
    if (!swim || swim.event.relay) return;
    const byDistance = new Map(swim.splits.map((s) => [s.distance, s.timeMs]));
    for (const match of text.matchAll(LABELLED_SPLIT)) {
      const ms = parseSwimTime(match[2]!);
      if (ms !== null) byDistance.set(Number(match[1]), ms);
    }
    swim.splits = [...byDistance.entries()].map(([distance, timeMs]) => ({ distance, timeMs }));
    finishSplits(swim);
  }

  /**
   * Relay swimmers under the team row: one per line, or two per line in two columns that read down
   * (left column legs 1-2, right column legs 3-4). Each cell: name, [year], [reaction], [50m], leg time.
   */
  private readLegLine(tokens: Token[]): boolean {
    const swim = this.current;
    if (!swim?.event.relay || swim.relayLegs.length >= 4) return false;
    const lead = tokens[0]!;
    if (PLACE.test(lead.str) || statusOf(lead.str) || !/\p{L}/u.test(lead.str)) return false;
    if (MARK.test(lead.str) && tokens.length === 1) return true;
    // A cell starts at each name; the last time in it is the leg's own time (after reaction and 50m split).
    const cells: Array<{ name: string; times: number[] }> = [];
    for (const token of tokens) {
      if (/\p{L}/u.test(token.str) && !RT.test(token.str)) {
        cells.push({ name: token.str.trim(), times: [] });
        continue;
      }
      const ms = TIME_TOKEN.test(token.str) ? parseSwimTime(token.str) : null;
      if (ms !== null) cells[cells.length - 1]?.times.push(ms);
    }
    const row = this.legLines++;
    cells.forEach((cell, column) => {
      const order = cells.length === 2 ? column * 2 + row + 1 : swim.relayLegs.length + 1;
      swim.relayLegs.push({ name: cell.name, order, timeMs: cell.times[cell.times.length - 1] ?? null });
    });
    swim.relayLegs.sort((a, b) => a.order - b.order);
    this.relaySplits(swim);
    return true;
  }

  /** Relays without times list their swimmers in one line: "Doe Jane, Roe Ann, …" or "DOE, Jane, ROE, Ann, …". */
  private readLegList(text: string): boolean {
    const swim = this.current!;
    if (swim.relayLegs.length > 0 || /\d/.test(text)) return false;
    const parts = text.split(/\s*,\s*/).filter(Boolean);
    let names: string[];
    if (parts.length === 4) names = parts;
    else if (parts.length === 8) names = [0, 2, 4, 6].map((i) => `${parts[i]}, ${parts[i + 1]}`);
    else return false;
    swim.relayLegs = names.map((name, i) => ({ name, order: i + 1, timeMs: null }));
    return true;
  }

  /** Cumulative splits at each leg's end, once every earlier leg's time is known. */
  private relaySplits(swim: ParsedSwim): void {
    const legDistance = swim.event.distance / 4;
    let total = 0;
    const splits = [];
    for (const [i, leg] of swim.relayLegs.entries()) {
      if (leg.order !== i + 1 || leg.timeMs === null) break;
      total += leg.timeMs;
      splits.push({ distance: legDistance * leg.order, timeMs: total });
    }
    swim.splits = splits;
    finishSplits(swim);
  }
}

/** Sorts splits, drops those past the race, and ends them with the finish when there are intermediate splits. */
function finishSplits(swim: ParsedSwim): void {
  const byDistance = new Map<number, number>();
  for (const split of swim.splits) byDistance.set(split.distance, split.timeMs);
  for (const key of byDistance.keys()) if (key > swim.event.distance) byDistance.delete(key);
  // The finish ends the splits, and is the one split of a one-length (50m) swim, as the other formats give it.
  const oneLength = swim.event.distance === 50 && !swim.event.relay;
  if ((byDistance.size > 0 || oneLength) && swim.timeMs !== null)
    byDistance.set(swim.event.distance, swim.timeMs);
  // A longer swim's finish alone is no split.
  if (!oneLength && byDistance.size === 1 && byDistance.has(swim.event.distance)) byDistance.clear();
  swim.splits = [...byDistance.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([distance, timeMs]) => ({ distance, timeMs }));
}
