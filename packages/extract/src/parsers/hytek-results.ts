/**
 * Walks Hy-Tek result pages: page headers (with the session's day), event titles and their
 * continuations, column headers, round headings (A/B finals, preliminaries, swim-offs), result rows,
 * DQ reason lines, relay swimmer lines and split lines; then reads every swim's splits against the
 * document's split slots and marks places shared by neighbouring rows.
 */
import type { Line, PdfText } from "../pdf/text-layout.ts";
import type { ParsedEvent, ParsedSwim } from "./format-parser.ts";
import { type HytekHeader, readHytekHeader } from "./hytek-columns.ts";
import { type HytekTitle, headingRound, parseHytekTitle, type RoundName } from "./hytek-event.ts";
import { HYTEK_LINE } from "./hytek-meet.ts";
import { isLegLine, readLegLine } from "./hytek-relay.ts";
import { isRowStart, parseHytekRow } from "./hytek-row.ts";
import { isReportTitle, type MeetDays, sessionDate } from "./hytek-session.ts";
import {
  cumulativeSplits,
  intervalOf,
  readSplitLine,
  type SlotGrid,
  type SplitLine,
  type SplitStyle,
  slotGrid,
  slotValues,
  styleOf,
} from "./hytek-splits.ts";
import { lineWords, plainText } from "./hytek-words.ts";
import { splitPrintedName } from "./oris-name.ts";
import { parseSwimTime } from "./swim-time.ts";

export interface HytekResults {
  swims: ParsedSwim[];
  warnings: string[];
}

interface Pending {
  swim: ParsedSwim;
  splitLines: SplitLine[];
  /** The event list the swim belongs to, for the split interval its neighbours use. */
  list: string;
}

// Lines that are page furniture in either layout: rules, the HTML print's footer, the licence line above it.
const FURNITURE = /^(=+|-{5,}|file:\/\/\/.*|licensed to\b.*)$/i;

export function readHytekResults(doc: PdfText, meet: MeetDays): HytekResults {
  const walker = new ResultsWalker(meet);
  for (const page of doc.pages) {
    for (const line of page.lines) walker.read(line, page.number);
  }
  return { swims: walker.finish(), warnings: walker.warnings };
}

class ResultsWalker {
  readonly warnings: string[] = [];
  private readonly pending: Pending[] = [];
  private event: ParsedEvent | null = null;
  private titleRound: RoundName | null = null;
  private heading: RoundName | null = null;
  /** The day the page header's session names, else null. */
  private sessionDay: string | null = null;
  private header: HytekHeader | null = null;
  private current: Pending | null = null;
  private reasonOpen = false;
  private inPageHeader = false;
  private list = 0;

  constructor(private readonly meet: MeetDays) {}

  read(line: Line, page: number): void {
    const text = plainText(line);
    if (!text || FURNITURE.test(text)) return;
    if (HYTEK_LINE.test(text)) {
      // The meet name, sanction and session lines under it belong to the page header.
      this.inPageHeader = true;
      this.current = null;
      return;
    }
    if (this.inPageHeader && isReportTitle(text)) {
      this.sessionDay = sessionDate(text, this.meet);
      return;
    }
    const title = parseHytekTitle(text);
    if (title) {
      this.inPageHeader = false;
      this.startEvent(title);
      return;
    }
    const words = lineWords(line.items);
    const header = readHytekHeader(words);
    if (header) {
      this.inPageHeader = false;
      this.header = header;
      this.current = null;
      return;
    }
    const round = headingRound(text);
    if (round) {
      this.inPageHeader = false;
      this.heading = round;
      this.current = null;
      this.list++;
      return;
    }
    if (this.inPageHeader || !this.event || !this.header || this.header.diving) return;
    if (isRowStart(words, this.header)) {
      this.readRow(words, page);
      return;
    }
    const current = this.current;
    if (!current) return;
    const splits = readSplitLine(words);
    if (splits) {
      current.splitLines.push(splits);
      this.reasonOpen = false;
      return;
    }
    if (current.swim.event.relay && isLegLine(text)) {
      for (const leg of readLegLine(text)) {
        if (!current.swim.relayLegs.some((l) => l.order === leg.order))
          current.swim.relayLegs.push({ name: leg.name, order: leg.order, timeMs: null });
      }
      current.swim.relayLegs.sort((a, b) => a.order - b.order);
      this.reasonOpen = false;
      return;
    }
    // A disqualification's reason follows its row, before its swimmers and splits.
    if (this.reasonOpen && /\p{L}{3}/u.test(text)) {
      const swim = current.swim;
      swim.dqReason = swim.dqReason ? `${swim.dqReason} ${text}` : text;
    }
  }

  private startEvent(title: HytekTitle): void {
    this.current = null;
    this.reasonOpen = false;
    const same =
      title.continued &&
      this.event !== null &&
      title.event !== null &&
      title.event.number === this.event.number &&
      title.event.distance === this.event.distance;
    if (same) {
      // A continuation page keeps the list in progress; a heading before it names the round.
      if (title.heading) this.heading = title.heading;
      return;
    }
    if (title.unreadable) {
      const warning = `Hy-Tek event "${title.name}": no distance could be read from its title; its rows were skipped`;
      if (!this.warnings.includes(warning)) this.warnings.push(warning);
    }
    this.event = title.event;
    this.titleRound = title.round;
    this.heading = title.heading;
    this.list++;
  }

  private readRow(words: ReturnType<typeof lineWords>, page: number): void {
    const event = this.event!;
    const header = this.header!;
    const row = parseHytekRow(words, header, event.relay);
    if (!row) return;
    const relay = event.relay;
    const timeMs = row.time ? parseSwimTime(row.time) : null;
    const parts = !relay && row.name.includes(",") ? splitPrintedName(row.name) : null;
    const ageGroup = event.ageGroup ?? row.paraClass;
    const swim: ParsedSwim = {
      name: relay && row.relayLetter ? `${row.name} ${row.relayLetter}` : row.name,
      firstName: parts?.firstName ?? null,
      lastName: parts?.lastName ?? null,
      age: relay ? null : row.age,
      birthYear: null,
      team: row.team,
      gender: event.gender === "X" && !relay ? null : event.gender,
      event: { ...event, ageGroup },
      round: this.titleRound?.round ?? this.heading?.round ?? header.round,
      roundLabel: (this.titleRound ?? this.heading)?.label ?? null,
      heat: null,
      lane: null,
      place: row.place,
      tie: row.tie,
      time: timeMs === null ? null : row.time,
      timeMs,
      seedTime: row.seed,
      status: row.status === "OK" && timeMs === null ? "NS" : row.status,
      dqReason: null,
      points: row.points,
      reactionTime: null,
      splits: [],
      relayLegs: [],
      page,
      date: this.sessionDay,
    };
    const pending: Pending = { swim, splitLines: [], list: `${this.list}` };
    this.pending.push(pending);
    this.current = pending;
    this.reasonOpen = swim.status === "DQ";
  }

  /** Reads every swim's splits once the whole document is known: its slot grid, split style and interval. */
  finish(): ParsedSwim[] {
    // Rows with intervals in parentheses space their slots wider than rows of bare times.
    const gridOf = (p: Pending) =>
      `${p.swim.event.relay}|${p.splitLines.some((line) => line.cells.some((cell) => cell.interval))}`;
    const grids = new Map<string, SlotGrid>();
    for (const key of new Set(this.pending.map(gridOf))) {
      const lines = this.pending.filter((p) => gridOf(p) === key).map((p) => p.splitLines);
      const rights = lines.flatMap((swim) => swim.flatMap((line) => line.cells.map((cell) => cell.right)));
      const full = lines.flatMap((swim) =>
        swim.slice(0, -1).map((line) => line.cells.map((cell) => cell.right)),
      );
      grids.set(key, slotGrid(rights, full));
    }
    const read = this.pending.map((p) => {
      const values = slotValues(p.splitLines, grids.get(gridOf(p))!);
      const final = p.swim.status === "OK" || p.swim.status === "EXH" ? p.swim.timeMs : null;
      const count = values.size > 0 ? Math.max(...values.keys()) + 1 : 0;
      // Only a row with every split up to the finish tells the interval by its count.
      const complete =
        final !== null &&
        values.size === count &&
        values.get(count - 1) !== null &&
        endsAtFinish(values, final);
      const own = complete ? intervalOf(p.swim.event.distance, count) : null;
      return { p, values, final, style: styleOf(p.splitLines, values, final), own };
    });
    // Rows that do not tell their style or interval take what their neighbours and the document use.
    const styles = new Map<boolean, Map<SplitStyle, number>>();
    const intervals = new Map<string, Map<number, number>>();
    const tally = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const r of read) {
      const relay = r.p.swim.event.relay;
      if (r.style) tally(styles.get(relay) ?? styles.set(relay, new Map()).get(relay)!, r.style);
      if (r.own === null) continue;
      for (const key of intervalKeys(r.p))
        tally(intervals.get(key) ?? intervals.set(key, new Map()).get(key)!, r.own);
    }
    for (const r of read) {
      const swim = r.p.swim;
      swim.reactionTime = r.p.splitLines[0]?.reaction ?? null;
      const relay = swim.event.relay;
      const [list, ...wider] = intervalKeys(r.p).map((key) => mode(intervals.get(key)));
      const interval =
        list ?? r.own ?? wider.find((found) => found !== null) ?? (relay ? swim.event.distance / 4 : 50);
      const style = r.style ?? mode(styles.get(relay)) ?? "cumulative";
      if (r.values.size > 0)
        swim.splits = cumulativeSplits(r.values, style, interval, swim.event.distance, r.final);
      else if (!relay && swim.event.distance === 50 && r.final !== null)
        swim.splits = [{ distance: 50, timeMs: r.final }];
      if (relay) legTimes(swim);
    }
    markSharedPlaces(this.pending);
    return this.pending.map((p) => p.swim);
  }
}

/**
 * Neighbouring rows of one list with the same place and time share it: the HTML report prints a tie
 * so ("15", "15", "17"), without the Crystal layout's star.
 */
function markSharedPlaces(pending: Pending[]): void {
  for (let i = 1; i < pending.length; i++) {
    const [before, after] = [pending[i - 1]!, pending[i]!];
    const shared =
      before.list === after.list &&
      after.swim.place !== null &&
      after.swim.place === before.swim.place &&
      after.swim.timeMs === before.swim.timeMs;
    if (shared) before.swim.tie = after.swim.tie = true;
  }
}

/** Where a row's split interval is looked up, narrowest first: its list, its event, its race, the document. */
function intervalKeys(p: Pending): string[] {
  const { number, distance, stroke, relay } = p.swim.event;
  return [p.list, `event|${number}|${distance}|${stroke}`, `race|${distance}|${stroke}`, `doc|${relay}`];
}

/** True when the last split is the finish, or the laps add up to it. */
function endsAtFinish(values: Map<number, number | null>, final: number): boolean {
  const known = [...values.values()].filter((ms): ms is number => ms !== null);
  const sum = known.reduce((total, ms) => total + ms, 0);
  return known[known.length - 1] === final || Math.abs(sum - final) <= known.length * 10;
}

function mode<K>(counts: Map<K, number> | undefined): K | null {
  if (!counts) return null;
  let best: K | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/** Each leg's time from the cumulative splits at the changeovers, where both are printed. */
function legTimes(swim: ParsedSwim): void {
  const legs = Math.max(4, swim.relayLegs.length);
  const legDistance = swim.event.distance / legs;
  const at = new Map(swim.splits.map((s) => [s.distance, s.timeMs]));
  at.set(0, 0);
  for (const leg of swim.relayLegs) {
    const end = at.get(leg.order * legDistance);
    const start = at.get((leg.order - 1) * legDistance);
    leg.timeMs = end !== undefined && start !== undefined ? end - start : null;
  }
}
