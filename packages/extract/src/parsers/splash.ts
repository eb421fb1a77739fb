/** Parser for Splash Meet Manager results (English and Dutch): meet details from page headers, swims from the lists. */
import type { Course, Meet } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { splashCourse } from "./splash-course.ts";
import { headerDateRange, raceDateOf } from "./splash-dates.ts";
import { readSplashResults } from "./splash-results.ts";

const FOOTER = /Splash Meet Manager/i;

export function isSplashDocument(doc: PdfText): boolean {
  if (/splash meet manager/i.test(doc.creator ?? "") || /splash meet manager/i.test(doc.producer ?? ""))
    return true;
  // Re-saved files lose the metadata, but every page keeps the "Splash Meet Manager, 11.x" footer.
  return doc.pages.slice(0, 3).some((page) => page.lines.some((line) => FOOTER.test(line.text)));
}

/** Every day a race is dated (the line under each event title), sorted. */
function raceDates(doc: PdfText): string[] {
  const dates = new Set<string>();
  for (const page of doc.pages) {
    for (const line of page.lines) {
      const date = raceDateOf(line);
      if (date) dates.add(date);
    }
  }
  return [...dates].sort();
}

/** The two centred lines on top of every page: meet name, then "Venue, dates". */
function headerLines(doc: PdfText): { name: string | null; venue: string | null; dates: string | null } {
  const page = doc.pages[0];
  if (!page) return { name: null, venue: null, dates: null };
  const top = page.lines.slice(0, 2).map((line) => line.text.trim());
  const name = top[0] && !/^(event|programmanr)/i.test(top[0]) ? top[0] : null;
  const place = top[1]?.split(",")[0]?.trim();
  const venue = place && /\p{L}/u.test(place) && place !== top[1] ? place : null;
  return { name, venue, dates: venue ? top[1]! : null };
}

/**
 * The meet's days: the header's range where the races fall inside it (a results file of one
 * session still names the whole meet), else the first and last race dates.
 */
function meetDays(header: string | null, dates: string[]): { start: string | null; end: string | null } {
  const first = dates[0] ?? null;
  const last = dates[dates.length - 1] ?? null;
  const range = header ? headerDateRange(header) : null;
  const fits = range && (!first || !last || (range.start <= first && last <= range.end));
  return fits ? { start: range.start, end: range.end } : { start: first, end: last };
}

function splashMeet(doc: PdfText, dates: string[], course: Course | null): Meet {
  const header = headerLines(doc);
  const days = meetDays(header.dates, dates);
  return {
    name: header.name,
    startDate: days.start,
    endDate: days.end,
    // Splash prints metres but rarely the pool length; where it does not, the course step infers it.
    course,
    venue: header.venue,
    software: "Splash Meet Manager",
  };
}

export const splashParser: FormatParser = {
  id: "splash",
  detect: isSplashDocument,
  parse(doc) {
    const dates = raceDates(doc);
    const course = splashCourse(doc);
    const meet = splashMeet(doc, dates, course);
    const lastYear = meet.endDate ? Number(meet.endDate.slice(0, 4)) : null;
    const { swims, warnings } = readSplashResults(doc, { meetYear: lastYear, course });
    return { meet, swims, warnings };
  },
};
