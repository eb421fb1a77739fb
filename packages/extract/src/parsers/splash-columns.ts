/**
 * The columns of a Splash results table, read from its header line ("Rank … YB … Time Pts RT",
 * "PL NAME YEAR NAT TEAM Q-T TIME FINA", "rang naam vereniging intijd tijd RT Pnt"), and the row
 * tokens that line up with them, including cells the text layer glued together ("15. DOE Jane",
 * "Club5:01.56").
 */
import type { Line, TextItem } from "../pdf/text-layout.ts";

export type ColumnKind =
  | "rank"
  | "name"
  | "birth"
  | "age"
  | "nat"
  | "team"
  | "seed"
  | "time"
  | "points"
  | "rt"
  | "split";

export interface Column {
  kind: ColumnKind;
  left: number;
  right: number;
  /** For split columns ("50m", "100m"): the distance. */
  distance?: number;
}

export interface Token {
  str: string;
  x: number;
  right: number;
  /** A time split off the text it was glued to: its place is estimated, its column unsure. */
  glued?: boolean;
}

const LABELS: Array<[RegExp, ColumnKind]> = [
  [/^(rank|rang|pl\.?|plaats|pos\.?|place|platz|rg\.?)$/i, "rank"],
  [/^(name|naam|nom|swimmer)$/i, "name"],
  [/^(yb|year|jr\.?|jaar|gj|geb\.?|jg\.?|yob|born|année)$/i, "birth"],
  [/^(age|leeftijd|lft\.?|âge|alter)$/i, "age"],
  [/^(nat\.?|nation|land|country)$/i, "nat"],
  [/^(team|club|vereniging|verein|équipe|ploeg)$/i, "team"],
  [/^(q-t|qt|intijd|inschr\.?|entry|entry time|seed|seed time|meldezeit|inschrijvingstijd|ins\.?)$/i, "seed"],
  [/^(time|tijd|zeit|endzeit|temps|result)$/i, "time"],
  [/^(pts\.?|pnt\.?|points|punten|fina|pkt\.?|punkte)$/i, "points"],
  [/^(rt|r\.t\.|reaction|reactie)$/i, "rt"],
];

// Up to hours for open-water and 5000m events ("1:00:12.34").
export const TIME_TOKEN = /^(?:\d{1,2}:){0,2}\d{1,2}[.,]\d{2}$/;
export const STATUS_CODES: Record<string, "DQ" | "DNS" | "DNF" | "SCR" | "EXH"> = {
  DSQ: "DQ",
  DQ: "DQ",
  DIS: "DQ",
  DISQ: "DQ",
  DNS: "DNS",
  NS: "DNS",
  "N.G.": "DNS",
  DNF: "DNF",
  OPG: "DNF",
  WDR: "SCR",
  WD: "SCR",
  SCR: "SCR",
  AFGEM: "SCR",
  AFG: "SCR",
  EXH: "EXH",
};
// Status codes precede the name; the common three-letter ones are sometimes glued to it ("WDRDOE Jane").
const STATUS_PREFIX =
  /^(DSQ|DNS|DNF|WDR|EXH)(?=\p{Lu})|^(DSQ|DQ|DISQ?|DNS|NS|N\.G\.|DNF|OPG|WDR|WD|SCR|AFGEM|AFG|EXH)(?:\s+|$)/u;

/** The header's columns when the line is a results header (a rank label and a time label), else null. */
export function readHeader(line: Line): Column[] | null {
  const columns: Column[] = [];
  for (const item of line.items) {
    for (const word of splitHeaderItem(item)) {
      const split = /^(\d{2,4})\s*m$/i.exec(word.str);
      if (split) {
        columns.push({ kind: "split", left: word.x, right: word.right, distance: Number(split[1]) });
        continue;
      }
      const kind = LABELS.find(([pattern]) => pattern.test(word.str))?.[1];
      if (kind) columns.push({ kind, left: word.x, right: word.right });
    }
  }
  const hasRank = columns[0]?.kind === "rank";
  const hasTime = columns.some((c) => c.kind === "time");
  return hasRank && hasTime ? columns : null;
}

/** Header items can hold several labels ("Time  Pts"); estimate each label's place from its characters. */
function splitHeaderItem(item: TextItem): Token[] {
  return splitBySpaces(item, /\s{1,}/);
}

function splitBySpaces(item: TextItem, separator: RegExp): Token[] {
  const text = item.str;
  const width = (item.right - item.x) / Math.max(1, text.length);
  const tokens: Token[] = [];
  let index = 0;
  for (const part of text.split(separator)) {
    const at = text.indexOf(part, index);
    if (part) tokens.push({ str: part, x: item.x + at * width, right: item.x + (at + part.length) * width });
    index = at + part.length;
  }
  return tokens;
}

/**
 * Splits the row's items into cells: a leading rank ("15.") or status code, a time glued to the team
 * before it, and marks after numbers ("867 *", "4:18.44 Q").
 */
export function rowTokens(items: TextItem[]): Token[] {
  const out: Token[] = [];
  items.forEach((item, index) => {
    let text = item.str.trim();
    const width = (item.right - item.x) / Math.max(1, item.str.length);
    let x = item.x;
    if (index === 0) {
      const rank = /^(\d+\.)\s*(.*)$/.exec(text);
      const status = rank ? null : STATUS_PREFIX.exec(text);
      const head = rank?.[1] ?? status?.[1] ?? status?.[2];
      if (head) {
        out.push({ str: head, x, right: x + head.length * width });
        const rest = (rank ? (rank[2] ?? "") : text.slice(status![0].length)).trim();
        if (!rest) return;
        x += (text.length - rest.length) * width;
        text = rest;
      }
    }
    // A time glued to the text before it ("Swimming Federation5:01.56", "e.V:4:54.44", "SC 18982:43.14"),
    // marks and points may follow ("2:10.07A *", "2:40.69*493").
    const glued =
      /^(.*\p{L}\S*?)(?<!\d)((?:\d{1,2}:)?\d{1,2}[.,]\d{2})([A-Z*?]{0,3}\d*(?:\s+\S+)*)$/u.exec(text) ??
      /^(.*\p{L}.*\s\d{4})((?:\d:)?\d{1,2}[.,]\d{2})([A-Z*?]{0,3}\d*(?:\s+\S+)*)$/u.exec(text);
    const marked = glued
      ? null
      : /^()((?:\d{1,2}:)?\d{1,2}[.,]\d{2})([A-Z*?][A-Z*?]{0,2}\d*(?:\s+\S+)*)$/.exec(text);
    const split = glued ?? marked;
    if (split) {
      const [, head, time, tail] = split as unknown as [string, string, string, string];
      // Digits and marks are about half the font size wide: place the trailing cells from the right edge.
      const digit = item.size * 0.5;
      const marks = tail
        .trim()
        .split(/\s+|(?<=[A-Z*?])(?=\d)/)
        .filter(Boolean);
      let right = item.right;
      const trailing: Token[] = [];
      for (const mark of marks.reverse()) {
        trailing.unshift({ str: mark, x: right - mark.length * digit, right });
        right -= (mark.length + 1) * digit;
      }
      const timeToken = { str: time, x: right - time.length * digit, right, glued: head.trim() !== "" };
      if (head.trim()) {
        out.push({
          str: head.replace(/:$/, "").trim(),
          x,
          right: Math.min(timeToken.x, x + head.length * width),
        });
      }
      out.push(timeToken, ...trailing);
      return;
    }
    // Numbers and times carry marks in the same item: split on spaces when the cell starts with one.
    if (/^[+-]?[\d:.,]+\s+\S/.test(text)) {
      out.push(...splitBySpaces({ ...item, str: text, x, right: item.right }, /\s+/));
      return;
    }
    out.push({ str: text, x, right: item.right });
  });
  return out;
}

/** The column a token lines up with: the most horizontal overlap, else the nearest edge within reach. */
export function columnOf(token: Token, columns: Column[]): Column | null {
  let best: Column | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const column of columns) {
    const overlap = Math.min(token.right, column.right) - Math.max(token.x, column.left);
    const distance = Math.min(Math.abs(token.right - column.right), Math.abs(token.x - column.left));
    const score = overlap > 0 ? overlap : -distance;
    if (score > bestScore) {
      best = column;
      bestScore = score;
    }
  }
  return bestScore > -25 ? best : null;
}

export function statusOf(token: string): "DQ" | "DNS" | "DNF" | "SCR" | "EXH" | null {
  return STATUS_CODES[token.toUpperCase()] ?? null;
}
