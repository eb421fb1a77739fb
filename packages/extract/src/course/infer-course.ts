/**
 * Fills in the course (SCY/SCM/LCM) of the meet and its events when a parser could not read it,
 * from the document's own words and, failing that, from the times; every inference adds a warning.
 */
import type { Course, ExtractionOutput, Swim } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";

interface Inference {
  course: Course;
  why: string;
}

// Only yards programmes swim these distances; meters programmes use 400/800/1500.
const YARDS_ONLY_DISTANCES = new Set([500, 1000, 1650]);

// Men's short-course-meters world records (rounded down): a time faster than this cannot be a
// meters swim, so the pool measured yards. Keyed by `${distance} ${stroke}`.
const SCM_FLOOR_MS: Record<string, number> = {
  "50 free": 19_900,
  "100 free": 44_800,
  "200 free": 99_300,
  "100 back": 48_300,
  "200 back": 105_600,
  "100 breast": 55_200,
  "200 breast": 120_100,
  "100 fly": 47_700,
  "200 fly": 108_200,
  "200 im": 109_000,
  "400 im": 234_800,
};

/**
 * Reads the course from words in the document: "Yard", "25m pool", "Bahnen á 25m", "LC Meter", "(SCM)",
 * "Langbahn"/"Kurzbahn", Dutch "lange baan"/"korte baan", French "grand bassin"/"petit bassin".
 */
export function courseFromText(text: string): Inference | null {
  if (
    /\b(SCY|short course yards?)\b|\d\s*(yard|yd)s?\b|\byards?\s+(free|back|breast|fly|butterfly|im|medley)/i.test(
      text,
    )
  ) {
    return { course: "SCY", why: "the document names yards events" };
  }
  if (
    /\b(LCM|LC\s+Meters?|long course|langbahn|lange\s?baan|grand bassin)\b|\b50\s*m(eter)?\s*(pool|becken|bahn|bad|bassin)|bahnen\s+[àáa]\s*50\s*m|bassin de 50\s*m|\b(pool|bassin|becken|bahnlänge|baanlengte)(\s*length)?\s*:?\s*50\s*m\b/i.test(
      text,
    )
  ) {
    return { course: "LCM", why: "the document mentions a 50m pool / long course" };
  }
  if (
    /\(25\s*m\)|\b(SCM|SC\s+Meters?|short course|korte\s?baan|petit bassin)\b|\b25\s*m(eter)?\s*(pool|becken|bahn|bad|bassin)|bahnen\s+[àáa]\s*25\s*m|bassin de 25\s*m|\b(pool|bassin|becken|bahnlänge|baanlengte)(\s*length)?\s*:?\s*25\s*m\b|kurzbahn/i.test(
      text,
    )
  ) {
    return { course: "SCM", why: "the document mentions a 25m pool / short course" };
  }
  // Championship series that are always long course unless they say "short course" / "(25m)"
  // (LEN's short-course Europeans are always named so).
  if (
    /\b(olympic (games|team trials)|olympics|paralympic games|world (aquatics )?championships|commonwealth games|pan pacific|european (junior )?(swimming |aquatics )?championships)\b/i.test(
      text,
    ) &&
    !/short course|\(25\s*m\)|25\s*m\b/i.test(text)
  ) {
    return { course: "LCM", why: "Olympic/World-Championship-level meets are swum long course" };
  }
  return null;
}

function courseFromSwims(swims: Swim[]): Inference | null {
  for (const swim of swims) {
    const { distance, stroke, relay } = swim.event;
    if (!relay && stroke === "free" && YARDS_ONLY_DISTANCES.has(distance)) {
      return { course: "SCY", why: `a ${distance} free event is swum only in yards` };
    }
  }
  for (const swim of swims) {
    const floor = SCM_FLOOR_MS[`${swim.event.distance} ${swim.event.stroke}`];
    if (floor !== undefined && swim.timeMs !== null && swim.status === "OK" && swim.timeMs < floor) {
      return {
        course: "SCY",
        why: `a ${swim.time} ${swim.event.distance} ${swim.event.stroke} beats the meters world record`,
      };
    }
  }
  return null;
}

// Formats whose meets are always swum in one course when the document does not say.
const SOFTWARE_COURSE: Record<string, Inference> = {
  isl: { course: "SCM", why: "ISL matches are swum in 25m pools" },
  olympic: { course: "LCM", why: "Olympic and Paralympic Games are swum in 50m pools" },
};

/** Fills null meet/event courses in place of a copy; returns the output with a warning per inference. */
export function inferCourse(output: ExtractionOutput, doc: PdfText, parserId?: string): ExtractionOutput {
  const warnings = [...output.warnings];
  const needsEvent = output.swims.some((swim) => swim.event.course === null);
  if (output.meet.course !== null && !needsEvent) return output;

  let meetCourse = output.meet.course;
  if (meetCourse === null) {
    const headerText = doc.pages
      .slice(0, 3)
      .flatMap((page) => page.lines.map((line) => line.text))
      .join("\n");
    const allText = [doc.title ?? "", headerText].join("\n");
    const inference =
      courseFromText(allText) ??
      courseFromSwims(output.swims) ??
      (parserId ? SOFTWARE_COURSE[parserId] : undefined) ??
      null;
    if (inference) {
      meetCourse = inference.course;
      warnings.push(`Course inferred as ${inference.course}: ${inference.why}.`);
    }
  }
  if (!needsEvent || meetCourse === null) {
    return { ...output, meet: { ...output.meet, course: meetCourse }, warnings };
  }
  let filled = 0;
  const swims = output.swims.map((swim) => {
    if (swim.event.course !== null) return swim;
    filled++;
    return { ...swim, event: { ...swim.event, course: meetCourse } };
  });
  if (filled > 0 && output.meet.course !== null) {
    warnings.push(`Course of ${filled} swim(s) inferred as ${meetCourse} from the meet's course.`);
  }
  return { ...output, meet: { ...output.meet, course: meetCourse }, swims, warnings };
}
