/** Reads the meet of an ORIS-style document: name and venue from the page header, dates from the race times. */
import type { Course, Meet } from "@splitstream/shared";
import type { Page, PdfText } from "../pdf/text-layout.ts";
import { isoDay } from "./iso-day.ts";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
// Race dates only ("13 JUN 2021 - 10:00", "SAT 24 JUL 2021"): record lines print older dates.
// A weekday date stands alone on its line: in table rows "MON 28 NOV 2001" is Monaco and a birth date.
const RACE_DATE =
  /(?:^(?:MON|TUE|WED|THU|FRI|SAT|SUN)\s+(\d{1,2})\s+([A-Z]{3})\s+(\d{4})$|\b(\d{1,2})\s+([A-Z]{3})\s+(\d{4})\s+-\s+\d{1,2}:\d\d)/;

export interface OrisMeetOptions {
  name: string | null;
  venue: string | null;
  course: Course | null;
  software: string;
}

/** The race date a page-header line prints ("13 JUN 2021 - 10:00", "SAT 24 JUL 2021"), as an ISO date. */
export function printedRaceDate(text: string): string | null {
  const match = RACE_DATE.exec(text.trim());
  if (!match) return null;
  const day = match[1] ?? match[4];
  const month = MONTHS.indexOf(match[2] ?? match[5] ?? "") + 1;
  const year = match[3] ?? match[6];
  if (month === 0 || !day || !year) return null;
  return isoDay(year, month, day);
}

/** The race date printed in a page's header (its first lines), or null. */
export function pageRaceDate(page: Page): string | null {
  for (const line of page.lines.slice(0, 12)) {
    const date = printedRaceDate(line.text);
    if (date) return date;
  }
  return null;
}

/** The first and last race dates printed in page headers, as ISO dates. */
export function raceDates(doc: PdfText): { startDate: string | null; endDate: string | null } {
  const dates = doc.pages.map(pageRaceDate).filter((date): date is string => date !== null);
  dates.sort();
  return { startDate: dates[0] ?? null, endDate: dates[dates.length - 1] ?? null };
}

export function orisMeet(doc: PdfText, options: OrisMeetOptions): Meet {
  return {
    name: options.name,
    venue: options.venue,
    course: options.course,
    software: options.software,
    ...raceDates(doc),
  };
}

/** The trimmed text of the first `count` lines of page 1 (the meet header). */
export function firstPageLines(doc: PdfText, count: number): string[] {
  return (doc.pages[0]?.lines ?? []).slice(0, count).map((line) => line.text.trim());
}

/** True when some page ends with an ORIS report code ("SWMW200MIM----…_74A"). */
export function hasReportCode(doc: PdfText): boolean {
  return doc.pages
    .slice(0, 5)
    .some((page) =>
      page.lines.some((line) => /^SWM[MWX-][-\dA-Z]*_\d\d/.test(line.items[0]?.str.trim() ?? "")),
    );
}
