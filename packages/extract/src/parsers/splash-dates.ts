/**
 * The dates Splash Meet Manager prints: the race date opening the line under each event title
 * ("26.01.2018 - 16:00", "4/07/2012", "2013-07-11 - 17:12", "1-8-2021"), the session line
 * ("1 - Direct Finals & Prelims   26.01.2018 - 16:00") and the meet's range in the page header
 * ("Poznan, 10- - 14-7-2013", "Luxembourg, 26th - 28th January 2018", "Antwerp, 4/ - 8/7/2012").
 */
import type { Line } from "../pdf/text-layout.ts";
import { isoDay } from "./iso-day.ts";

const DAY_FIRST = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})\b/;
const SESSION = /^\d{1,2}\s+-\s+\S/;

/** The ISO day a text opens with ("26.01.2018 - 16:00" -> 2018-01-26), or null. */
export function dateOpening(text: string): string | null {
  const dayFirst = DAY_FIRST.exec(text.trim());
  if (dayFirst) return isoDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = YEAR_FIRST.exec(text.trim());
  if (yearFirst) return isoDay(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  return null;
}

/**
 * The race date of an event-date line: its first cell opens with the date, and the line is the
 * date alone or names the results ("Results Prelim") or ends with the start time. Record lines
 * end with older dates but open with the record's name, so they never match.
 */
export function raceDateOf(line: Line): string | null {
  const date = dateOpening(line.items[0]?.str ?? "");
  if (!date) return null;
  const named = /\bresult|resultaten|uitslag|ergebnis|résultats|\d{1,2}:\d{2}\s*$/i.test(line.text);
  return named || line.items.length === 1 ? date : null;
}

/** The date of a session line ("2 - Part 2 - Prelims   27.01.2018 - 8:30"), or null. */
export function sessionDateOf(line: Line): string | null {
  if (line.items.length < 2 || !SESSION.test(line.items[0]!.str.trim())) return null;
  return dateOpening(line.items[line.items.length - 1]!.str);
}

const MONTHS: Array<[RegExp, number]> = [
  [/^jan/i, 1],
  [/^(feb|fév|fev)/i, 2],
  [/^(mar|mär|maa)/i, 3],
  [/^(apr|avr)/i, 4],
  [/^(may|mai|mei)/i, 5],
  [/^(jun|juin)/i, 6],
  [/^(jul|juil)/i, 7],
  [/^(aug|aoû|aou)/i, 8],
  [/^sep/i, 9],
  [/^(oct|okt)/i, 10],
  [/^nov/i, 11],
  [/^(dec|dez|déc)/i, 12],
];

interface DayParts {
  day?: number;
  month?: number;
  year?: number;
}

/** "14-7-2013", "8/7/2012", "9.2.2014", "28th January 2018", or a start with parts left out ("10-", "26th"). */
function dayParts(text: string): DayParts | null {
  const yearFirst = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (yearFirst)
    return { year: Number(yearFirst[1]), month: Number(yearFirst[2]), day: Number(yearFirst[3]) };
  const words = /^(\d{1,2})(?:st|nd|rd|th|\.)?(?:\s+(\p{L}+)\.?)?(?:\s+(\d{4}))?$/u.exec(text);
  if (words) {
    const month = words[2] ? MONTHS.find(([pattern]) => pattern.test(words[2]!))?.[1] : undefined;
    if (words[2] && month === undefined) return null;
    return { day: Number(words[1]), month, year: words[3] ? Number(words[3]) : undefined };
  }
  const numbers = text.split(/[./-]/).filter(Boolean);
  if (numbers.length === 0 || numbers.length > 3 || numbers.some((n) => !/^\d{1,4}$/.test(n))) return null;
  const [day, month, year] = numbers.map(Number);
  if (year !== undefined && year < 1900) return null;
  return { day, month, year };
}

/**
 * The meet's first and last day from the header's "Venue, start - end" line: the start prints only
 * the parts that differ from the end ("10- - 14-7-2013"). Null when the line holds no such range.
 */
export function headerDateRange(text: string): { start: string; end: string } | null {
  const dates = text.slice(text.lastIndexOf(",") + 1).trim();
  const [startText, endText, ...more] = dates.split(/\s+-\s+/);
  if (!startText || more.length > 0) return null;
  const end = dayParts((endText ?? startText).trim());
  if (!end?.day || !end.month || !end.year) return null;
  const start = endText ? dayParts(startText.trim()) : end;
  if (!start?.day) return null;
  const startYear = start.year ?? end.year;
  const startMonth = start.month ?? end.month;
  const first = isoDay(startYear, startMonth, start.day);
  const last = isoDay(end.year, end.month, end.day);
  if (!first || !last || first > last) return null;
  return { start: first, end: last };
}
