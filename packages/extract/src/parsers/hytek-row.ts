/**
 * Reads one Hy-Tek result row into its cells: place ("1", "*3" or "3T" for a tie, "---" unplaced), name (para
 * class appended), age or class year, team, relay letter, seed/prelim time, the result with its
 * exhibition ("x") or judged ("J") prefix or a status code, the marks after it ("q", "B", "@") and points.
 */
import type { SwimStatus } from "@splitstream/shared";
import { type HytekHeader, nearestTimeColumn, type TimeColumnKind } from "./hytek-columns.ts";
import { joinWords, type Word } from "./hytek-words.ts";

export interface HytekRow {
  place: number | null;
  /** The place is printed as shared ("*3", "3T"). */
  tie: boolean;
  /** The name as printed, without the para class or foreign-swimmer mark. */
  name: string;
  /** Para class printed after the name ("S9", "SB7"), else null. */
  paraClass: string | null;
  age: number | null;
  /** Class year ("FR", "Jr") where an age would be. */
  classYear: string | null;
  team: string | null;
  relayLetter: string | null;
  /** The time before the result: seed, or the prelim time in a finals list. */
  seed: string | null;
  /** The result time without its prefix, or null. */
  time: string | null;
  status: SwimStatus;
  /** True for a "J" (judged) result. */
  judged: boolean;
  points: number | null;
}

const PLACE = /^(\*)?(\d{1,3})(T)?$|^-{2,3}$/;
const TIME = /^([xXJ]?)((?:\d{1,2}:){0,2}\d{1,2}\.\d{2})$/;
const STATUS: Record<string, SwimStatus> = {
  DQ: "DQ",
  DSQ: "DQ",
  DNS: "DNS",
  NS: "NS",
  DNF: "DNF",
  SCR: "SCR",
  // A declared false start withdraws the swimmer without a disqualification.
  DFS: "SCR",
  XDQ: "DQ",
  XNS: "NS",
  XDNF: "DNF",
};
const SEED_WORD = /^(NT|NP|NS)$/i;
const AGE = /^\d{1,3}$/;
const CLASS_YEAR = /^(FR|SO|JR|SR|GR|5Y|5th|Fr|So|Jr|Sr|Gr)$/;
const PARA = /\s+((?:S|SB|SM)\d{1,2})$/;
const RELAY_LETTER = /^'?([A-Z])'?$/;

export function isRowStart(words: Word[], header: HytekHeader): boolean {
  const first = words[0];
  return first !== undefined && PLACE.test(first.str) && first.right < header.nameLeft + 2;
}

function isResultWord(text: string): boolean {
  return TIME.test(text) || STATUS[text.toUpperCase()] !== undefined || SEED_WORD.test(text);
}

/** Parses a row that starts with a place or "---"; null when its cells do not fit the header. */
export function parseHytekRow(words: Word[], header: HytekHeader, relay: boolean): HytekRow | null {
  const placeWord = words[0]!;
  const placeMatch = PLACE.exec(placeWord.str);
  if (!placeMatch) return null;
  // The time columns start at the first result-like word right of the team column.
  const firstTimeLeft = Math.min(...header.times.map((column) => column.left)) - 25;
  let split = words.length;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (isResultWord(word.str) && word.right > firstTimeLeft) {
      split = i;
      break;
    }
  }
  const middle = words.slice(1, split);
  const tail = words.slice(split);
  if (middle.length === 0) return null;

  const cells = readMiddle(middle, header, relay);
  if (!cells.name || !/\p{L}/u.test(cells.name)) return null;

  const values: Partial<Record<TimeColumnKind, string>> = {};
  for (const word of tail) {
    const column = nearestTimeColumn(word, header.times);
    if (!column) continue;
    if (column.kind === "points") {
      if (/^\d+(?:\.\d+)?$/.test(word.str)) values.points ??= word.str;
      continue;
    }
    if (isResultWord(word.str)) values[column.kind] ??= word.str;
  }
  const resultKind = [...header.times].reverse().find((column) => column.kind !== "points")?.kind;
  const result = resultKind ? values[resultKind] : undefined;
  const seedKind = header.times.find(
    (column) => column.kind !== resultKind && column.kind !== "points",
  )?.kind;
  const seedText = seedKind ? values[seedKind] : undefined;

  let status: SwimStatus = "OK";
  let time: string | null = null;
  let judged = false;
  const timeMatch = result ? TIME.exec(result) : null;
  if (timeMatch) {
    time = timeMatch[2]!;
    if (/x/i.test(timeMatch[1]!)) status = "EXH";
    judged = timeMatch[1] === "J";
  } else if (result && STATUS[result.toUpperCase()]) {
    status = STATUS[result.toUpperCase()]!;
  } else {
    // No result at all: the swimmer did not swim.
    status = "NS";
  }
  const seedMatch = seedText ? TIME.exec(seedText) : null;
  const placed = placeMatch[2] !== undefined && (status === "OK" || status === "EXH");
  return {
    place: placed ? Number(placeMatch[2]) : null,
    tie: placed && (placeMatch[1] !== undefined || placeMatch[3] !== undefined),
    ...cells,
    seed: seedMatch ? seedMatch[2]! : null,
    time,
    status,
    judged,
    points: values.points !== undefined ? Number(values.points) : null,
  };
}

type MiddleCells = Pick<HytekRow, "name" | "paraClass" | "age" | "classYear" | "team" | "relayLetter">;

/** Name, age or class year, team and relay letter, told apart by the header's column positions. */
function readMiddle(words: Word[], header: HytekHeader, relay: boolean): MiddleCells {
  const ageIndex =
    header.age && !relay
      ? words.findIndex(
          (word, i) =>
            i > 0 &&
            (AGE.test(word.str) || CLASS_YEAR.test(word.str)) &&
            Math.abs(word.right - header.age!.right) < 6,
        )
      : -1;
  const teamLeft = header.teamLeft ?? Number.POSITIVE_INFINITY;
  const nameEnd = header.age ? header.age.left + 2 : teamLeft - 3;
  let nameWords: Word[];
  let teamWords: Word[];
  if (ageIndex > 0) {
    nameWords = words.slice(0, ageIndex);
    teamWords = words.slice(ageIndex + 1);
  } else {
    nameWords = words.filter((word) => word.right <= nameEnd || word.x < header.nameLeft + 40);
    teamWords = words.filter((word) => !nameWords.includes(word) && word.x >= teamLeft - 4);
  }
  let relayLetter: string | null = null;
  if (relay) {
    // The relay letter sits in its own column ("Relay"), quoted after the team (HTML report), or last
    // after the team when a relay list reuses the individual header (masters).
    const letterIndex = words.findIndex(
      (word, i) =>
        i > 0 &&
        RELAY_LETTER.test(word.str) &&
        (header.relay
          ? word.x >= header.relay.left - 4 && word.right <= header.relay.right + 4
          : /'/.test(word.str) || (!header.relayList && i === words.length - 1)),
    );
    if (letterIndex > 0) {
      relayLetter = RELAY_LETTER.exec(words[letterIndex]!.str)![1]!;
      nameWords = words.slice(0, letterIndex);
    } else nameWords = words;
    teamWords = [];
  }
  // "*" marks a foreign swimmer, a lower-case "x" before the name an exhibition swim.
  let name = joinWords(nameWords).replace(/^\*|^x(?=\p{Lu})/u, "");
  const para = PARA.exec(name);
  if (para) name = name.slice(0, para.index).trim();
  const ageText = ageIndex > 0 ? words[ageIndex]!.str : null;
  return {
    name,
    paraClass: para?.[1] ?? null,
    age: ageText && AGE.test(ageText) ? Number(ageText) : null,
    classYear: ageText && CLASS_YEAR.test(ageText) ? ageText : null,
    team: relay ? name || null : joinWords(teamWords) || null,
    relayLetter,
  };
}
