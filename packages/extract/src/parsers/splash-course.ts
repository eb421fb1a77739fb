/**
 * The pool a Splash Meet Manager document says it was swum in. Splash never prints the course as
 * such, but the record lines under an event title name the record list they compare with, and
 * federations keep one list per pool length: "RB - BR 50m", "Belgian Record LC", "NR (25m)".
 * The header words ("Kurzbahn", "Short Course") are left to the course step, which reads them for
 * every format.
 */
import type { Course } from "@splitstream/shared";
import type { Line, PdfText } from "../pdf/text-layout.ts";
import { TIME_TOKEN } from "./splash-columns.ts";
import { dateOpening } from "./splash-dates.ts";

// The pool length ends the list's name ("BR 50m", "NR (25m)", "Record LC"); club names open with "SC".
const LONG = /(?:^|[\s(-])(50\s*m|LC)\)?$|\b(LCM|long course|langbahn|lange ?baan|grand bassin)\b/i;
const SHORT = /(?:^|[\s(-])(25\s*m|SC)\)?$|\b(SCM|short course|kurzbahn|korte ?baan|petit bassin)\b/i;

/** A record line: the list's name, the record time, holder …, and the day it was set last. */
function recordLabel(line: Line): string | null {
  const [label, time] = line.items;
  const last = line.items[line.items.length - 1];
  if (!label || !time || !last || line.items.length < 4) return null;
  if (!TIME_TOKEN.test(time.str.trim()) || !dateOpening(last.str)) return null;
  return label.str.trim();
}

/** The course every record line agrees on; null when none names a pool or they disagree. */
export function splashCourse(doc: PdfText): Course | null {
  const courses = new Set<Course>();
  for (const page of doc.pages) {
    for (const line of page.lines) {
      const label = recordLabel(line);
      if (!label) continue;
      if (LONG.test(label)) courses.add("LCM");
      if (SHORT.test(label)) courses.add("SCM");
    }
  }
  return courses.size === 1 ? [...courses][0]! : null;
}
