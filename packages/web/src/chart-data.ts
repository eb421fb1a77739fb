/**
 * What the progression chart draws, from the swims: per individual event, the fastest swim of each day
 * in each pool (one line per course), with the personal bests marked exactly where the results'
 * `personalBests` put them. Pure, so the chart, its table and the tests read the same numbers.
 */
import type { Course, PersonalBest, ResultSwim, Stroke } from "@splitstream/shared";
import { eventName, swimRoundLabel } from "./format.ts";

/**
 * The rule the personal bests use (packages/backend/src/results/personal-bests.ts): relays, events the
 * parser could not name, swims without a valid time do not count, so they are not charted either.
 */
export function countsAsBest(swim: ResultSwim): swim is ResultSwim & { timeMs: number; time: string } {
  return (
    !swim.event.relay &&
    swim.event.stroke !== "other" &&
    swim.status === "OK" &&
    swim.timeMs !== null &&
    swim.time !== null
  );
}

/** The pool of a line; "unknown" when neither the PDF nor the person said. */
export type CourseKey = Course | "unknown";
export const COURSE_ORDER: readonly CourseKey[] = ["SCM", "LCM", "SCY", "unknown"];

export const COURSE_LABELS: Record<CourseKey, string> = {
  SCM: "25 m pool",
  LCM: "50 m pool",
  SCY: "25 yd pool",
  unknown: "Pool unknown",
};

const STROKE_ORDER: readonly Stroke[] = ["free", "back", "breast", "fly", "im"];

export interface ChartEvent {
  /** "200|back" */
  key: string;
  distance: number;
  stroke: Stroke;
  label: string;
  /** Swims of this event that count (and so are charted when dated). */
  swimCount: number;
}

export interface ProgressionPoint {
  /** ISO day. */
  date: string;
  course: CourseKey;
  timeMs: number;
  time: string;
  meetName: string | null;
  round: string;
  /** True when the day is only the meet's start (the PDF gives no day per session). */
  dateIsMeetStart: boolean;
  /** This swim is the personal best for its event and pool. */
  isBest: boolean;
}

export interface Progression {
  event: ChartEvent;
  /** The pools with at least one point, in COURSE_ORDER. */
  courses: CourseKey[];
  /** Oldest first; within a day, in COURSE_ORDER. */
  points: ProgressionPoint[];
  /** Swims of the event that count but have no date, so cannot be placed on the chart. */
  undated: number;
}

const eventKey = (distance: number, stroke: Stroke) => `${distance}|${stroke}`;
const courseKey = (course: Course | null): CourseKey => course ?? "unknown";

/** Every individual event the swimmer has a counting swim in, in a fixed order (stroke, then distance). */
export function chartEvents(swims: readonly ResultSwim[]): ChartEvent[] {
  const events = new Map<string, ChartEvent>();
  for (const swim of swims) {
    if (!countsAsBest(swim)) continue;
    const { distance, stroke } = swim.event;
    const key = eventKey(distance, stroke);
    const event = events.get(key) ?? {
      key,
      distance,
      stroke,
      label: eventName(distance, stroke),
      swimCount: 0,
    };
    event.swimCount += 1;
    events.set(key, event);
  }
  return [...events.values()].sort(
    (a, b) => STROKE_ORDER.indexOf(a.stroke) - STROKE_ORDER.indexOf(b.stroke) || a.distance - b.distance,
  );
}

/** The event a swimmer most likely wants to see: the one with the most swims (the first of a tie). */
export function defaultChartEvent(events: readonly ChartEvent[]): ChartEvent | null {
  let best: ChartEvent | null = null;
  for (const event of events) if (!best || event.swimCount > best.swimCount) best = event;
  return best;
}

export function progression(
  swims: readonly ResultSwim[],
  bests: readonly PersonalBest[],
  event: ChartEvent,
): Progression {
  // The fastest swim of each day in each pool: a prelim and a final on one day are one point, the faster.
  const fastest = new Map<string, ResultSwim & { timeMs: number; time: string }>();
  let undated = 0;
  for (const swim of swims) {
    if (!countsAsBest(swim) || eventKey(swim.event.distance, swim.event.stroke) !== event.key) continue;
    if (!swim.date) {
      undated += 1;
      continue;
    }
    const key = `${swim.date}|${courseKey(swim.course)}`;
    const current = fastest.get(key);
    if (!current || swim.timeMs < current.timeMs) fastest.set(key, swim);
  }

  // Marked from the results' own bests, so the chart can never disagree with the bests list.
  const eventBests = bests.filter((best) => best.distance === event.distance && best.stroke === event.stroke);
  const points: ProgressionPoint[] = [...fastest.values()].map((swim) => {
    const course = courseKey(swim.course);
    return {
      date: swim.date as string,
      course,
      timeMs: swim.timeMs,
      time: swim.time,
      meetName: swim.meet.name,
      round: swimRoundLabel(swim),
      dateIsMeetStart: swim.dateIsMeetStart,
      isBest: eventBests.some(
        (best) => courseKey(best.course) === course && best.timeMs === swim.timeMs && best.date === swim.date,
      ),
    };
  });
  points.sort(
    (a, b) => a.date.localeCompare(b.date) || COURSE_ORDER.indexOf(a.course) - COURSE_ORDER.indexOf(b.course),
  );
  const courses = COURSE_ORDER.filter((course) => points.some((point) => point.course === course));
  return { event, courses, points, undated };
}

/**
 * uPlot's columns: one x per day (seconds, UTC midnight); per pool a y column (seconds) of its line and
 * one holding only its personal best (one per pool), drawn as a mark over the line.
 */
export interface PlotColumns {
  days: string[];
  xs: number[];
  byCourse: Array<{ course: CourseKey; ys: Array<number | null>; bestYs: Array<number | null> }>;
}

export function plotColumns(progress: Progression): PlotColumns {
  const days = [...new Set(progress.points.map((point) => point.date))];
  const at = (day: string, course: CourseKey) =>
    progress.points.find((point) => point.date === day && point.course === course);
  return {
    days,
    xs: days.map(dayToSeconds),
    byCourse: progress.courses.map((course) => {
      const line = days.map((day) => at(day, course));
      return {
        course,
        ys: line.map((point) => (point ? point.timeMs / 1000 : null)),
        bestYs: line.map((point) => (point?.isBest ? point.timeMs / 1000 : null)),
      };
    }),
  };
}

export function dayToSeconds(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year as number, (month as number) - 1, date as number) / 1000;
}
