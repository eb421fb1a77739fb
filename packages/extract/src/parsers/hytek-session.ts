/**
 * The day a Hy-Tek page's results were swum, from the report title in its page header: Meet Manager
 * prints "Results" and, where the host named the session, " - <session>" after it ("Results - Day 2
 * Session 2", "Results - Friday PM", "Results - Session 3 - 3/2/2024"). The day is read from a date
 * in it, a day number of the meet, or a weekday that falls once within the meet's days.
 */

import { readHytekDate } from "./hytek-meet.ts";

export interface MeetDays {
  startDate: string | null;
  endDate: string | null;
  /** True when the document's slash dates put the day first. */
  dayFirst: boolean;
}

const REPORT_TITLE = /^Results\b\s*(.*)$/i;
const DATE = /\b(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}-[A-Za-z]{3}-\d{2,4})\b/;
const DAY_NUMBER = /\bDay\s+(\d{1,2})\b/i;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = /\b(sun|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?)(?:day)?\b/i;

/** True for the page header's report title line ("Results", "Results - Day 2 Session 2"). */
export function isReportTitle(text: string): boolean {
  return REPORT_TITLE.test(text);
}

/** The ISO day a report title names, or null when it names none (or one outside the meet's days). */
export function sessionDate(text: string, meet: MeetDays): string | null {
  const session = REPORT_TITLE.exec(text)?.[1] ?? "";
  if (!session) return null;
  const printed = DATE.exec(session);
  if (printed) {
    const day = readHytekDate(printed[1]!, meet.dayFirst);
    return day && withinMeet(day, meet) ? day : null;
  }
  const days = meetDays(meet);
  if (days.length === 0) return null;
  const dayNumber = DAY_NUMBER.exec(session);
  if (dayNumber) return days[Number(dayNumber[1]) - 1] ?? null;
  const weekday = WEEKDAY.exec(session);
  if (weekday) {
    const index = WEEKDAYS.findIndex((name) => name.startsWith(weekday[1]!.toLowerCase().slice(0, 3)));
    const matching = days.filter((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === index);
    // A weekday names one day only where the meet is shorter than a week.
    return matching.length === 1 ? matching[0]! : null;
  }
  return null;
}

function withinMeet(day: string, meet: MeetDays): boolean {
  if (!meet.startDate) return true;
  return day >= meet.startDate && day <= (meet.endDate ?? meet.startDate);
}

/** Every day from the meet's start to its end (a one-day meet when no end is printed). */
function meetDays(meet: MeetDays): string[] {
  if (!meet.startDate) return [];
  const end = meet.endDate ?? meet.startDate;
  const days: string[] = [];
  for (
    let at = new Date(`${meet.startDate}T00:00:00Z`);
    days.length < 31;
    at.setUTCDate(at.getUTCDate() + 1)
  ) {
    const day = at.toISOString().slice(0, 10);
    if (day > end) break;
    days.push(day);
  }
  return days;
}
