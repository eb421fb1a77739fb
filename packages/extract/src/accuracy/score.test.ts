import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { readRecords } from "./csv.ts";
import { distanceFromText, roundFromText, strokeFromText } from "./event-text.ts";
import { precision, recall, scoreSwims } from "./score.ts";
import { nameKey, type TruthSwim } from "./truth.ts";

function truth(overrides: Partial<TruthSwim> = {}): TruthSwim {
  return {
    name: "Quillfeather, Ada",
    distance: 100,
    stroke: "free",
    round: "final",
    gender: null,
    timeMs: 62_340,
    place: 1,
    status: "OK",
    splits: [],
    source: "invented:1",
    ...overrides,
  };
}

describe("truth reading helpers", () => {
  it("reads quoted CSV with NA as empty", () => {
    expect(readRecords('"Place","Name"\n"1","Doe, Jane"\nNA,"Roe ""JR"""\n', ",", true)).toEqual([
      { Place: "1", Name: "Doe, Jane" },
      { Place: "", Name: 'Roe "JR"' },
    ]);
  });

  it("reads events and rounds in the corpus languages", () => {
    expect([
      distanceFromText("Wettkampf 125 - 50m Brust weiblich"),
      strokeFromText("50m Brust weiblich"),
    ]).toEqual([50, "breast"]);
    expect([
      distanceFromText("Women 1500 LC Meter Freestyle"),
      strokeFromText("Women 1500 LC Meter Freestyle"),
    ]).toEqual([1500, "free"]);
    expect([
      distanceFromText("Women's 4 x 100m Medley Relay"),
      strokeFromText("Women's 4 x 100m Medley Relay"),
    ]).toEqual([400, "medley_relay"]);
    expect(strokeFromText("Men's 200m Individual Medley Heats")).toBe("im");
    expect(roundFromText("Event 21, Women, 50m Freestyle, Prelim")).toBe("prelim");
    expect(roundFromText("Semi_1")).toBe("semi");
    expect(roundFromText("Women, 400m Medley")).toBeNull();
  });

  it("keys names regardless of order, case, accents and middle initials", () => {
    expect(nameKey("Quillfeather, Ada M")).toBe(nameKey("QUILLFEATHER Ada"));
    expect(nameKey("Brindleton, Zoë")).toBe(nameKey("Zoe Brindleton"));
  });
});

describe("scoreSwims", () => {
  it("pairs swims by swimmer and time, checking event and round where the truth knows them", () => {
    const truths = [
      truth(),
      truth({ name: "Brindleton, Zoë", timeMs: 63_000, place: 2, round: null }),
      truth({ name: "Fenwick, Ola", timeMs: 64_000, place: 3 }),
    ];
    const swims = [
      makeSwim({ name: "QUILLFEATHER Ada", timeMs: 62_340, place: 1 }),
      makeSwim({ name: "Zoe Brindleton", timeMs: 63_000, place: 5, round: "prelim" }),
      makeSwim({ name: "Fenwick, Ola", timeMs: 64_000, round: "prelim" }),
      makeSwim({ name: "Extra, Person", timeMs: 70_000 }),
    ];
    const score = scoreSwims(truths, swims, true);
    expect(score.swims).toMatchObject({ found: 2, truth: 3, right: 2, extracted: 4 });
    expect(recall(score.swims)).toBeCloseTo(2 / 3);
    expect(precision(score.swims)).toBeCloseTo(2 / 4);
    expect(score.places).toMatchObject({ found: 1, truth: 3 });
    expect(score.misses[0]).toMatch(/Fenwick/);
    expect(score.extras).toHaveLength(2);
  });

  it("accepts cumulative or lap splits and compares at the truth's split distances", () => {
    const t = truth({
      distance: 200,
      timeMs: 130_000,
      splits: [
        { distance: 50, timeMs: 30_000 },
        { distance: 100, timeMs: 63_000 },
      ],
    });
    const cumulative = makeSwim({
      event: { distance: 200 },
      timeMs: 130_000,
      splits: [
        { distance: 50, timeMs: 30_000 },
        { distance: 100, timeMs: 63_000 },
        { distance: 150, timeMs: 97_000 },
      ],
    });
    const laps = makeSwim({
      event: { distance: 200 },
      timeMs: 130_000,
      splits: [
        { distance: 50, timeMs: 30_000 },
        { distance: 100, timeMs: 33_000 },
      ],
    });
    expect(scoreSwims([t], [cumulative], true).splits).toMatchObject({ found: 2, truth: 2, extracted: 2 });
    expect(scoreSwims([t], [laps], true).splits).toMatchObject({ found: 2, truth: 2, extracted: 2 });
  });

  it("scores statuses on swimmer and event, treating DNS and SCR alike", () => {
    const truths = [
      truth({ timeMs: null, status: "DQ" }),
      truth({ name: "Roe, Kit", timeMs: null, status: "SCR" }),
    ];
    const swims = [
      makeSwim({ timeMs: null, time: null, status: "DQ" }),
      makeSwim({ name: "Kit Roe", timeMs: null, time: null, status: "DNS" }),
      makeSwim({ name: "Other, One", timeMs: null, time: null, status: "DNF" }),
    ];
    const score = scoreSwims(truths, swims, true);
    expect(score.statuses).toMatchObject({ found: 2, truth: 2, extracted: 3 });
  });

  it("does not measure precision against a subset truth", () => {
    const score = scoreSwims([truth()], [makeSwim(), makeSwim({ name: "Extra, Person" })], false);
    expect(precision(score.swims)).toBeNull();
    expect(recall(score.swims)).toBe(1);
  });
});

describe("pairing and what precision counts", () => {
  it("pairs a truth swim with the extracted swim of the same place when one time is in two lists", () => {
    const open = makeSwim({ timeMs: 62_340, place: 12, event: { distance: 100, stroke: "free" } });
    const junior = makeSwim({ timeMs: 62_340, place: 3, event: { distance: 100, stroke: "free" } });
    const score = scoreSwims([truth({ place: 3, round: null })], [open, junior], false);
    expect(score.places).toMatchObject({ found: 1, truth: 1 });
  });

  it("leaves statuses the truth source cannot hold out of status precision", () => {
    const withdrawn = makeSwim({ status: "SCR", time: null, timeMs: null, place: null });
    const disqualified = makeSwim({ name: "Brightwater, Lee", status: "DQ", time: null, timeMs: null });
    const truths = [truth({ name: "Brightwater, Lee", status: "DQ", timeMs: null, place: null })];
    expect(scoreSwims(truths, [withdrawn, disqualified], true).statuses).toMatchObject({ extracted: 2 });
    expect(
      scoreSwims(truths, [withdrawn, disqualified], true, undefined, new Set(["SCR"])).statuses,
    ).toMatchObject({ extracted: 1, right: 1 });
  });
});

describe("dates", () => {
  it("counts matched swims dated the true day, among truth swims whose day is known", () => {
    const truths = [
      truth({ day: "2026-03-14" }),
      truth({ name: "Brindleton, Zoë", timeMs: 63_000, place: 2, day: "2026-03-15" }),
      truth({ name: "Fenwick, Ola", timeMs: 64_000, place: 3, day: "2026-03-15" }),
      truth({ name: "Undated, Pim", timeMs: 65_000, place: 4 }),
    ];
    const swims = [
      makeSwim({ timeMs: 62_340, date: "2026-03-14", dateIsMeetStart: true }),
      makeSwim({
        name: "Zoe Brindleton",
        timeMs: 63_000,
        place: 2,
        date: "2026-03-15",
        dateIsMeetStart: false,
      }),
      makeSwim({ name: "Fenwick, Ola", timeMs: 64_000, place: 3, date: "2026-03-14", dateIsMeetStart: true }),
      makeSwim({ name: "Undated, Pim", timeMs: 65_000, place: 4, date: "2026-03-14" }),
    ];
    const score = scoreSwims(truths, swims, true);
    expect(score.dates).toMatchObject({ found: 2, truth: 3, right: 2, extracted: 3 });
    expect(score.datesFromMeetStart).toBe(2);
  });
});
