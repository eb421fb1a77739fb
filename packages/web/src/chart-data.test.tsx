import { type Course, formatSwimTime, type ResultSwim, type Swim } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
// The backend's rule for bests, run here on the same swims: the chart must mark exactly what it lists.
// (A test may import it; the web bundle never does: it only reads `personalBests` from the API.)
import { personalBests } from "../../backend/src/results/personal-bests.ts";
import { makeSwim } from "../../extract/src/test-support/make-swim.ts";
import { chartEvents, dayToSeconds, defaultChartEvent, plotColumns, progression } from "./chart-data.ts";

const JOB = "00000000-0000-4000-8000-000000000001";
const meet = {
  name: "Championnats régionaux d'hiver en petit bassin — Invented Open",
  startDate: "2025-12-06",
  endDate: null,
  course: null,
  venue: null,
  software: "hytek",
};

type Override = Parameters<typeof makeSwim>[0] & { course?: Course | null };

function swim({ course = "SCM", ...overrides }: Override = {}): ResultSwim {
  const base: Swim = makeSwim({ dateIsMeetStart: false, ...overrides });
  return { ...base, jobId: JOB, meet, course, matchedAs: "exact", relayLeg: null };
}

const back200 = { distance: 200, stroke: "back" as const };
const timed = (ms: number) => ({ timeMs: ms, time: formatSwimTime(ms) });

describe("chartEvents", () => {
  it("leaves out relays, 'other' events and swims without a valid time, as the bests do", () => {
    const swims = [
      swim({ event: back200, ...timed(150_000) }),
      swim({ event: { distance: 200, stroke: "free_relay", relay: true }, ...timed(110_000) }),
      swim({ event: { distance: 50, stroke: "free", relay: true }, ...timed(28_000) }),
      swim({ event: { distance: 100, stroke: "other", name: "100m Beine" }, ...timed(90_000) }),
      swim({ event: { distance: 100, stroke: "fly" }, status: "DQ", ...timed(70_000) }),
      swim({ event: { distance: 100, stroke: "breast" }, time: null, timeMs: null, status: "DNS" }),
    ];
    expect(chartEvents(swims).map((event) => event.key)).toEqual(["200|back"]);
  });

  it("lists events by stroke then distance, and picks the one with most swims first", () => {
    const swims = [
      swim({ event: { distance: 100, stroke: "fly" }, date: "2025-01-01" }),
      swim({ event: { distance: 200, stroke: "free" }, date: "2025-01-01" }),
      swim({ event: { distance: 50, stroke: "free" }, date: "2025-01-01" }),
      swim({ event: { distance: 100, stroke: "fly" }, date: "2025-02-01" }),
    ];
    const events = chartEvents(swims);
    expect(events.map((event) => `${event.label} ${event.swimCount}`)).toEqual([
      "50 Freestyle 1",
      "200 Freestyle 1",
      "100 Butterfly 2",
    ]);
    expect(defaultChartEvent(events)?.key).toBe("100|fly");
    expect(defaultChartEvent([])).toBeNull();
  });
});

describe("progression", () => {
  const swims = [
    swim({ event: back200, course: "SCM", date: "2025-12-06", round: "prelim", ...timed(152_000) }),
    swim({ event: back200, course: "SCM", date: "2025-12-06", round: "final", ...timed(150_500) }),
    swim({ event: back200, course: "LCM", date: "2026-03-14", ...timed(155_000) }),
    swim({ event: back200, course: "SCM", date: "2026-01-20", ...timed(149_900) }),
    swim({ event: back200, course: null, date: "2026-02-01", ...timed(151_000) }),
    swim({ event: back200, course: "LCM", date: "2026-05-02", ...timed(153_200) }),
    swim({ event: back200, course: "SCM", date: null, ...timed(148_000) }),
    // Not charted, and no best: a relay leg and another event.
    swim({
      event: { distance: 200, stroke: "medley_relay", relay: true },
      date: "2026-01-20",
      ...timed(100_000),
    }),
    swim({ event: { distance: 100, stroke: "back" }, date: "2026-01-20", ...timed(70_000) }),
  ];
  const bests = personalBests(swims);
  const event = chartEvents(swims).find((candidate) => candidate.key === "200|back");
  if (!event) throw new Error("no 200 back");
  const progress = progression(swims, bests, event);

  it("draws one line per pool, the fastest swim of each day, oldest first; undated swims are counted apart", () => {
    expect(progress.courses).toEqual(["SCM", "LCM", "unknown"]);
    expect(progress.points.map((point) => `${point.date} ${point.course} ${point.timeMs}`)).toEqual([
      "2025-12-06 SCM 150500", // the final, faster than the prelim that day
      "2026-01-20 SCM 149900",
      "2026-02-01 unknown 151000",
      "2026-03-14 LCM 155000",
      "2026-05-02 LCM 153200",
    ]);
    expect(progress.points[0]?.round).toBe("Final");
    expect(progress.undated).toBe(1);
  });

  it("marks as personal bests exactly the swims the results list as bests", () => {
    // The undated 1:48.00 SCM is the SCM best: it is listed but cannot be placed on the chart.
    const marked = progress.points.filter((point) => point.isBest);
    const charted = bests.filter((best) => best.stroke === "back" && best.distance === 200 && best.date);
    const byText = (a: string, b: string) => a.localeCompare(b);
    expect(marked.map((point) => `${point.course} ${point.timeMs} ${point.date}`).sort(byText)).toEqual(
      charted.map((best) => `${best.course ?? "unknown"} ${best.timeMs} ${best.date}`).sort(byText),
    );
    expect(marked.map((point) => point.course)).toEqual(["unknown", "LCM"]);
  });

  it("lays the points out as uPlot columns: one x per day, a line and a best mark per pool", () => {
    const columns = plotColumns(progress);
    expect(columns.days).toEqual(["2025-12-06", "2026-01-20", "2026-02-01", "2026-03-14", "2026-05-02"]);
    expect(columns.xs[0]).toBe(Date.UTC(2025, 11, 6) / 1000);
    expect(columns.byCourse.map((line) => line.course)).toEqual(["SCM", "LCM", "unknown"]);
    expect(columns.byCourse[0]?.ys).toEqual([150.5, 149.9, null, null, null]);
    expect(columns.byCourse[1]?.ys).toEqual([null, null, null, 155, 153.2]);
    expect(columns.byCourse[1]?.bestYs).toEqual([null, null, null, null, 153.2]);
    expect(columns.byCourse[2]?.bestYs).toEqual([null, null, 151, null, null]);
    // Every line has as many values as there are days (uPlot's aligned data).
    for (const line of columns.byCourse) {
      expect(line.ys).toHaveLength(columns.xs.length);
      expect(line.bestYs).toHaveLength(columns.xs.length);
    }
  });

  it("keeps the earlier of two equal times as the best, like the bests list", () => {
    const tied = [
      swim({ event: back200, date: "2026-01-10", ...timed(150_000) }),
      swim({ event: back200, date: "2026-02-10", ...timed(150_000) }),
    ];
    const tiedEvent = chartEvents(tied)[0];
    if (!tiedEvent) throw new Error("no event");
    const points = progression(tied, personalBests(tied), tiedEvent).points;
    expect(points.map((point) => point.isBest)).toEqual([true, false]);
  });

  it("charts a single swim as one point that is the best", () => {
    const one = [swim({ event: back200, date: "2026-04-04", ...timed(151_230) })];
    const oneEvent = chartEvents(one)[0];
    if (!oneEvent) throw new Error("no event");
    const single = progression(one, personalBests(one), oneEvent);
    expect(single.points).toHaveLength(1);
    expect(single.points[0]).toMatchObject({ course: "SCM", isBest: true, timeMs: 151_230 });
    const columns = plotColumns(single);
    expect(columns.xs).toEqual([dayToSeconds("2026-04-04")]);
    expect(columns.byCourse).toEqual([{ course: "SCM", ys: [151.23], bestYs: [151.23] }]);
  });
});
