/**
 * The meet details in a Hy-Tek page header: the licence line ("<licensee> - Site License  HY-TEK's MEET
 * MANAGER 7.0 - <printed> Page 1"), then "<meet name> - 10/19/2018 to 10/20/2018" (US month-first or,
 * where a day above 12 shows it, day-first; also "01-Dec-17").
 */
import type { Course, Meet } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";
import { plainText } from "./hytek-words.ts";
import { isoDay } from "./iso-day.ts";

export const HYTEK_LINE = /HY-TEK'?s\s+MEET\s+MANAGER/i;

const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MEET_LINE =
  /^(.*?)\s+-\s+(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}-[A-Za-z]{3}-\d{2,4})(?:\s+to\s+(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}-[A-Za-z]{3}-\d{2,4}))?$/;
// Licensees that are pools (rather than clubs or timing companies) name the venue.
const FACILITY = /\b(center|centre|natatorium|pool|aquatics? (center|centre|complex)|complex|aq\.)/i;

/** Reads a date as the document writes it; `dayFirst` for documents whose slash dates put the day first. */
export function readHytekDate(text: string, dayFirst: boolean): string | null {
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (slash) {
    const [a, b, year] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
    return dayFirst ? isoDay(year, b, a) : isoDay(year, a, b);
  }
  const named = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(text);
  if (named) {
    const year = Number(named[3]!.length === 2 ? `20${named[3]}` : named[3]);
    return isoDay(year, MONTHS.indexOf(named[2]!.toLowerCase()) + 1, Number(named[1]));
  }
  return null;
}

/** The first page's header lines: from the licence line down to the first event or column header. */
function headerLines(doc: PdfText): { licence: string | null; version: string | null; lines: string[] } {
  const page = doc.pages[0];
  if (!page) return { licence: null, version: null, lines: [] };
  const texts = page.lines.map(plainText);
  const at = texts.findIndex((text) => HYTEK_LINE.test(text));
  if (at < 0) return { licence: null, version: null, lines: [] };
  const hytekLine = page.lines[at]!;
  const firstItem = hytekLine.items[0]?.str.trim() ?? "";
  // Crystal prints the licensee left of the HY-TEK item; the HTML report prints "Licensed to …" above it.
  const licence = !HYTEK_LINE.test(firstItem)
    ? firstItem
    : at > 0 && /^licensed to\b/i.test(texts[at - 1]!)
      ? texts[at - 1]!.replace(/^licensed to\s+/i, "")
      : null;
  const version = /MEET\s+MANAGER\s+(\d+(?:\.\d+)*)/i.exec(texts[at]!)?.[1] ?? null;
  const lines: string[] = [];
  for (const text of texts.slice(at + 1, at + 8)) {
    if (/^(\(?event\b|name\b|team\b|results\b)/i.test(text)) break;
    lines.push(text);
  }
  return { licence, version, lines };
}

/** True when the document's slash dates put the day first: a "day" above 12 somewhere in the header shows it. */
export function isDayFirst(doc: PdfText): boolean {
  const { licence, lines } = headerLines(doc);
  const headerText = [
    licence ?? "",
    ...lines,
    ...(doc.pages[0]?.lines.slice(0, 2).map(plainText) ?? []),
  ].join(" ");
  return [...headerText.matchAll(SLASH_DATE)].some((m) => Number(m[1]) > 12);
}

export function hytekMeet(doc: PdfText, courses: Array<Course | null>): Meet {
  const { licence, version, lines } = headerLines(doc);
  const dayFirst = isDayFirst(doc);
  let name: string | null = null;
  let startDate: string | null = null;
  let endDate: string | null = null;
  for (const text of lines) {
    const match = MEET_LINE.exec(text);
    if (!match) continue;
    name = match[1]!.trim() || null;
    startDate = readHytekDate(match[2]!, dayFirst);
    endDate = match[3] ? readHytekDate(match[3], dayFirst) : startDate;
    break;
  }
  name ??= lines[0] ?? null;
  const venue =
    licence && /site licen[cs]e/i.test(licence) && FACILITY.test(licence)
      ? licence.replace(/\s*-\s*site licen[cs]e.*$/i, "").trim()
      : null;
  return {
    name,
    startDate,
    endDate,
    course: mostCommon(courses),
    venue,
    software: version ? `Hy-Tek Meet Manager ${version}` : "Hy-Tek Meet Manager",
  };
}

/** The course most events name (a meet can mix them, e.g. a 1000 yd and a diving event in metres). */
function mostCommon(courses: Array<Course | null>): Course | null {
  const counts = new Map<Course, number>();
  for (const course of courses) if (course) counts.set(course, (counts.get(course) ?? 0) + 1);
  let best: Course | null = null;
  for (const [course, count] of counts) if (best === null || count > counts.get(best)!) best = course;
  return best;
}
