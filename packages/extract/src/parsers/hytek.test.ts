import { beforeAll, describe, expect, it } from "vitest";
import { extractFromText } from "../extract-meet.ts";
import { type PdfText, readPdfText } from "../pdf/text-layout.ts";
import { at, line, ra, SMALL, splits, startPage } from "../test-support/hytek-crystal-layout.ts";
import { type FixtureItem, type FixtureLine, makePdf } from "../test-support/make-pdf.ts";
import type { ParsedMeet } from "./format-parser.ts";
import { hytekParser } from "./hytek.ts";

// Positions and sizes as Hy-Tek Meet Manager 7 prints a Crystal Reports results page (US Letter,
// points from the left); times are right-aligned under their column labels, as Hy-Tek prints them.

function pageHeader(page: number): FixtureLine[] {
  startPage(30);
  return [
    line([
      at(18, "Invented Aquatic Center - Site License", SMALL),
      at(333.3, `HY-TEK's MEET MANAGER 7.0 - 7:36 PM 3/2/2024 Page ${page}`, SMALL),
    ]),
    line([at(190.4, "Invented Spring Invitational - 3/1/2024 to 3/2/2024")]),
    line([at(270.9, "Results")]),
  ];
}

const individualHeader = (yr = "Age", team = "Team", seed = "Seed Time", result = "Finals Time") =>
  line([
    at(48, "Name", SMALL),
    ra(204, yr, SMALL),
    at(210, team, SMALL),
    ra(402, seed, SMALL),
    ra(480, result, SMALL),
    at(527.3, "Points", SMALL),
  ]);

function row(
  place: string,
  name: string,
  age: string,
  team: string,
  seed: string,
  result: string,
  tail: FixtureItem[] = [],
) {
  return line([
    ra(42, place),
    at(48, name),
    ra(204, age),
    at(210, team, SMALL),
    ra(402, seed),
    ra(474.7, result),
    ...tail,
  ]);
}

function timedFinalsPage(): FixtureLine[] {
  return [
    ...pageHeader(1),
    line([at(18, "Event 1 Women 200 Yard Freestyle")], 17),
    line([ra(132, "1:55.00", SMALL), at(138, "A", SMALL)], 11.5),
    individualHeader(),
    row("1", "Quillfeather, Ada M", "19", "Otter Swim Club", "2:01.50", "1:58.20", [
      ra(491.9, "A"),
      ra(544.5, "20"),
    ]),
    splits("r:+0.70 27.10", "57.00 (29.90)", "1:27.80 (30.80)", "1:58.20 (30.40)"),
    // An exhibition swim, and a missing 150 split: its slot stays blank.
    row("2", "Brightwater, Nell", "18", "Heron Aquatics", "NT", "x1:59.90"),
    splits("28.00", "58.50 (30.50)", "", "1:59.90 (31.40)"),
    row("---", "Marsh, Lotte", "20", "Otter Swim Club", "2:05.00", "DQ"),
    line([at(70, "Delay initiating the turn", SMALL)], 11.5),
    splits("28.50", "59.80 (31.30)", "1:31.00 (31.20)", "DQ (30.00)"),
    row("---", "Fenwick, Tilly", "17", "Heron Aquatics", "2:10.00", "SCR"),
    line([at(18, "Event 2 Men 200 Yard Medley Relay")], 17),
    line([
      at(47.3, "Team", SMALL),
      at(210, "Relay", SMALL),
      ra(390, "Seed Time", SMALL),
      ra(473.3, "Finals Time", SMALL),
      at(527.3, "Points", SMALL),
    ]),
    line([
      ra(39.6, "1"),
      at(48, "Otter Swim Club"),
      at(217.5, "A", SMALL),
      ra(390, "1:40.00"),
      ra(474, "1:38.44"),
      ra(544.5, "40"),
    ]),
    line(
      [
        at(54, "1) Backstroke, Amy 20", SMALL),
        at(180, "2) r:+0.21 Breaster, Cal 21", SMALL),
        // A long name runs into the next leg's number: "… 194)".
        at(306, "3) r:+0.30 Flyer-Longname, Benjamin 194) r:+0.12 Freestyler, Dee 22", SMALL),
      ],
      11.5,
    ),
    splits("r:+0.60 12.00", "25.50 (25.50)", "38.00 (12.50)", "53.00 (27.50)"),
    splits("1:04.00 (11.00)", "1:17.00 (24.00)", "1:27.00 (10.00)", "1:38.44 (21.44)"),
  ];
}

function prelimsAndFinalsPage(): FixtureLine[] {
  return [
    ...pageHeader(2),
    line([at(18, "Event 3 Men 100 Yard Butterfly")], 17),
    line([
      at(50, "Pool:", SMALL),
      ra(132, "46.00", SMALL),
      at(156, "2/1/2020", SMALL),
      at(210, "Famous, Someone", SMALL),
    ]),
    individualHeader("Yr", "School", "Prelim Time"),
    line([at(18, "A - Final")]),
    row("1", "Heron, Jan", "SR", "Otter Swim Club", "48.10", "47.50", [ra(544.5, "20")]),
    splits("r:+0.65 10.90", "22.80 (11.90)", "35.00 (12.20)", "47.50 (12.50)"),
    row("2", "Pike, Tom", "FR", "Heron Aquatics", "48.60", "47.90", [ra(544.5, "17")]),
    line([at(18, "Event 3 Men 100 Yard Butterfly")], 17),
    individualHeader("Yr", "School", "Seed Time", "Prelim Time"),
    line([at(18, "Preliminaries")]),
    row("1", "Heron, Jan", "SR", "Otter Swim Club", "49.00", "48.10", [at(486, "q")]),
    // A tie: both rows print the same place with a star.
    row("*2", "Pike, Tom", "FR", "Heron Aquatics", "50.00", "48.60", [at(486, "q")]),
    row("*2", "Carp, Lee", "JR", "Otter Swim Club", "49.50", "48.60"),
  ];
}

function continuationPage(): FixtureLine[] {
  return [
    ...pageHeader(3),
    line([at(18, "Preliminaries ... (Event 3 Men 100 Yard Butterfly)")], 17),
    individualHeader("Yr", "School", "Seed Time", "Prelim Time"),
    row("4", "Tench, Ray", "SO", "Heron Aquatics", "51.00", "49.20"),
    line([at(18, "Event 3S Men 100 Yard Butterfly Swim-off")], 17),
    individualHeader("Yr", "School"),
    line([at(22, "- Swim-off")]),
    row("1", "Pike, Tom", "FR", "Heron Aquatics", "48.60", "J48.40"),
    row("2", "Carp, Lee", "JR", "Otter Swim Club", "48.60", "48.55"),
    line([at(18, "Event 4 Women 50 LC Meter Freestyle Multi-Class S9")], 17),
    individualHeader(),
    row("1", "Otterley, Pia S9", "15", "Otter Swim Club-XX", "33.00", "32.50"),
    row("---", "Newt, Gwen S9", "16", "Unattached-XX", "35.00", "NS"),
    // Masters titles carry no event number; the list reuses the header printed above.
    line([at(18, "Women 25-29 100 Yard Breaststroke")], 17),
    row("1", "Reed, Una", "27", "Invented Masters-4", "1:20.00", "1:18.00"),
    // Lap times, no parentheses: they add up to the time.
    line([ra(83.9, "38.00", SMALL), ra(125.9, "40.00", SMALL)], 11.5),
  ];
}

describe("hytekParser (Crystal Reports layout)", () => {
  let doc: PdfText;
  let parsed: ParsedMeet;
  beforeAll(async () => {
    const bytes = await makePdf({
      producer: "Powered By Crystal",
      creator: "Crystal Reports",
      pages: [
        { lines: timedFinalsPage(), width: 612, height: 792 },
        { lines: prelimsAndFinalsPage(), width: 612, height: 792 },
        { lines: continuationPage(), width: 612, height: 792 },
      ],
    });
    doc = await readPdfText(bytes);
    parsed = hytekParser.parse(doc);
  });

  const swim = (name: string, round?: string) =>
    parsed.swims.find((s) => s.name === name && (round === undefined || s.round === round));

  it("recognises the HY-TEK licence line and reads the meet from the page header", () => {
    expect(hytekParser.detect(doc)).toBe(true);
    expect(parsed.meet).toEqual({
      name: "Invented Spring Invitational",
      startDate: "2024-03-01",
      endDate: "2024-03-02",
      course: "SCY",
      venue: "Invented Aquatic Center",
      software: "Hy-Tek Meet Manager 7.0",
    });
  });

  it("reads an individual row with its reaction time and cumulative splits, not the interval in parentheses", () => {
    expect(swim("Quillfeather, Ada M")).toMatchObject({
      firstName: "Ada M",
      lastName: "Quillfeather",
      age: 19,
      team: "Otter Swim Club",
      gender: "F",
      round: "timed_final",
      place: 1,
      time: "1:58.20",
      timeMs: 118_200,
      seedTime: "2:01.50",
      status: "OK",
      points: 20,
      reactionTime: 0.7,
      page: 1,
      event: { number: "1", distance: 200, stroke: "free", relay: false, course: "SCY", ageGroup: null },
      splits: [
        { distance: 50, timeMs: 27_100 },
        { distance: 100, timeMs: 57_000 },
        { distance: 150, timeMs: 87_800 },
        { distance: 200, timeMs: 118_200 },
      ],
    });
  });

  it("marks x-times as exhibition swims and leaves a blank split slot out", () => {
    expect(swim("Brightwater, Nell")).toMatchObject({
      status: "EXH",
      place: 2,
      time: "1:59.90",
      timeMs: 119_900,
      seedTime: null,
      splits: [
        { distance: 50, timeMs: 28_000 },
        { distance: 100, timeMs: 58_500 },
        { distance: 200, timeMs: 119_900 },
      ],
    });
  });

  it("reads a disqualification with the reason line beneath it, and scratches", () => {
    expect(swim("Marsh, Lotte")).toMatchObject({
      status: "DQ",
      place: null,
      time: null,
      timeMs: null,
      dqReason: "Delay initiating the turn",
      splits: [
        { distance: 50, timeMs: 28_500 },
        { distance: 100, timeMs: 59_800 },
        { distance: 150, timeMs: 91_000 },
      ],
    });
    expect(swim("Fenwick, Tilly")).toMatchObject({
      status: "SCR",
      place: null,
      timeMs: null,
      dqReason: null,
    });
  });

  it("reads relays: team and letter, legs in order (a glued leg number too) and leg times from the changeovers", () => {
    const relay = parsed.swims.find((s) => s.event.relay)!;
    expect(relay).toMatchObject({
      name: "Otter Swim Club A",
      team: "Otter Swim Club",
      age: null,
      place: 1,
      timeMs: 98_440,
      seedTime: "1:40.00",
      points: 40,
      reactionTime: 0.6,
      gender: "M",
      event: { number: "2", distance: 200, stroke: "medley_relay", relay: true },
    });
    expect(relay.relayLegs).toEqual([
      { name: "Backstroke, Amy", order: 1, timeMs: 25_500 },
      { name: "Breaster, Cal", order: 2, timeMs: 27_500 },
      { name: "Flyer-Longname, Benjamin", order: 3, timeMs: 24_000 },
      { name: "Freestyler, Dee", order: 4, timeMs: 21_440 },
    ]);
    expect(relay.splits.map((s) => s.distance)).toEqual([25, 50, 75, 100, 125, 150, 175, 200]);
    expect(relay.splits.at(-1)).toEqual({ distance: 200, timeMs: 98_440 });
  });

  it("tells finals from prelims by the columns, keeps class years out of the age, and reads ties", () => {
    expect(swim("Heron, Jan", "final")).toMatchObject({
      place: 1,
      timeMs: 47_500,
      seedTime: "48.10",
      age: null,
      team: "Otter Swim Club",
      splits: [
        { distance: 25, timeMs: 10_900 },
        { distance: 50, timeMs: 22_800 },
        { distance: 75, timeMs: 35_000 },
        { distance: 100, timeMs: 47_500 },
      ],
    });
    expect(swim("Heron, Jan", "prelim")).toMatchObject({ place: 1, timeMs: 48_100, seedTime: "49.00" });
    expect(swim("Pike, Tom", "prelim")).toMatchObject({ place: 2, timeMs: 48_600 });
    expect(swim("Carp, Lee", "prelim")).toMatchObject({ place: 2, timeMs: 48_600 });
    // Record lines between the title and the header are no swims.
    expect(parsed.swims.some((s) => /Famous/.test(s.name))).toBe(false);
  });

  it("continues a list across a page break, reads judged times and swim-offs", () => {
    expect(swim("Tench, Ray")).toMatchObject({ round: "prelim", place: 4, timeMs: 49_200, page: 3 });
    expect(swim("Pike, Tom", "swimoff")).toMatchObject({
      place: 1,
      time: "48.40",
      timeMs: 48_400,
      status: "OK",
      event: { number: "3S", distance: 100, stroke: "fly" },
    });
    expect(swim("Carp, Lee", "swimoff")).toMatchObject({ place: 2, timeMs: 48_550 });
  });

  it("puts the para class into the age group and takes it off the name", () => {
    expect(swim("Otterley, Pia")).toMatchObject({
      age: 15,
      team: "Otter Swim Club-XX",
      timeMs: 32_500,
      event: { distance: 50, stroke: "free", course: "LCM", ageGroup: "S9" },
      splits: [{ distance: 50, timeMs: 32_500 }],
    });
    expect(swim("Newt, Gwen")).toMatchObject({ status: "NS", place: null, event: { ageGroup: "S9" } });
  });

  it("reads masters events without numbers and adds up lap splits", () => {
    expect(swim("Reed, Una")).toMatchObject({
      age: 27,
      team: "Invented Masters-4",
      gender: "F",
      timeMs: 78_000,
      event: { number: null, distance: 100, stroke: "breast", ageGroup: "Women 25-29", course: "SCY" },
      splits: [
        { distance: 50, timeMs: 38_000 },
        { distance: 100, timeMs: 78_000 },
      ],
    });
  });

  it("finds every row and lets header lines become no swimmer", () => {
    expect(parsed.swims).toHaveLength(16);
    expect(parsed.swims.some((s) => /HY-TEK|Invented Spring|Results/.test(s.name))).toBe(false);
  });

  it("passes the contract check end to end", () => {
    const output = extractFromText(doc, { validate: true });
    expect(output.swims).toHaveLength(16);
  });
});

describe("hytekParser.detect", () => {
  it("does not claim documents without the HY-TEK licence line", async () => {
    const doc = await readPdfText(
      await makePdf({
        producer: "Powered By Crystal",
        creator: "Crystal Reports",
        pages: [{ lines: [{ y: 40, items: [at(18, "Invented Top Times Report - Crystal Reports")] }] }],
      }),
    );
    expect(hytekParser.detect(doc)).toBe(false);
  });
});
