/** Parser for Splash Meet Manager results (English and Dutch): meet details from page headers, swims from the lists. */
import type { Meet } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { readSplashResults } from "./splash-results.ts";

const FOOTER = /Splash Meet Manager/i;

export function isSplashDocument(doc: PdfText): boolean {
  if (/splash meet manager/i.test(doc.creator ?? "") || /splash meet manager/i.test(doc.producer ?? ""))
    return true;
  // Re-saved files lose the metadata, but every page keeps the "Splash Meet Manager, 11.x" footer.
  return doc.pages.slice(0, 3).some((page) => page.lines.some((line) => FOOTER.test(line.text)));
}

// Race dates under each event title: "26.01.2018 - 16:00", "4/07/2012", "2013-07-11 - 17:12", "1-8-2021".
const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})\b/;

function raceDates(doc: PdfText): string[] {
  const dates = new Set<string>();
  for (const page of doc.pages) {
    for (const line of page.lines) {
      const text = line.items[0]?.str.trim() ?? "";
      const dayFirst = DAY_FIRST.exec(text);
      const yearFirst = YEAR_FIRST.exec(text);
      const [year, month, day] = dayFirst
        ? [dayFirst[3]!, dayFirst[2]!, dayFirst[1]!]
        : yearFirst
          ? [yearFirst[1]!, yearFirst[2]!, yearFirst[3]!]
          : [];
      // Record lines end with older dates; race dates open their line.
      if (!year || !month || !day || Number(month) > 12 || Number(day) > 31) continue;
      if (!/\bresult|resultaten|uitslag|\d{1,2}:\d{2}\s*$/i.test(line.text) && line.items.length > 1)
        continue;
      dates.add(`${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`);
    }
  }
  return [...dates].sort();
}

/** The two centred lines on top of every page: meet name, then "Venue, dates". */
function headerLines(doc: PdfText): { name: string | null; venue: string | null } {
  const page = doc.pages[0];
  if (!page) return { name: null, venue: null };
  const top = page.lines.slice(0, 2).map((line) => line.text.trim());
  const name = top[0] && !/^(event|programmanr)/i.test(top[0]) ? top[0] : null;
  const place = top[1]?.split(",")[0]?.trim();
  return { name, venue: place && /\p{L}/u.test(place) && place !== top[1] ? place : null };
}

function splashMeet(doc: PdfText, dates: string[]): Meet {
  const { name, venue } = headerLines(doc);
  return {
    name,
    startDate: dates[0] ?? null,
    endDate: dates[dates.length - 1] ?? null,
    // Splash prints metres but rarely the pool length; the course step infers it (and warns).
    course: null,
    venue,
    software: "Splash Meet Manager",
  };
}

export const splashParser: FormatParser = {
  id: "splash",
  detect: isSplashDocument,
  parse(doc) {
    const dates = raceDates(doc);
    const lastYear = dates.length > 0 ? Number(dates[dates.length - 1]!.slice(0, 4)) : null;
    const { swims, warnings } = readSplashResults(doc, lastYear);
    return { meet: splashMeet(doc, dates), swims, warnings };
  },
};
