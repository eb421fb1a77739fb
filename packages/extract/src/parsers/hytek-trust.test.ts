import type { ExtractionOutput, Swim } from "@splitstream/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { extractFromText } from "../extract-meet.ts";
import { readPdfText } from "../pdf/text-layout.ts";
import { at, line, ra, SMALL, splits, startPage } from "../test-support/hytek-crystal-layout.ts";
import { type FixtureLine, makePdf, makePdfFromText } from "../test-support/make-pdf.ts";

// A two-day Hy-Tek Meet Manager 7 results book in the Crystal Reports layout (invented names): the
// page headers name the session ("Results - Day 1"), a kick event and an unreadable novelty event sit
// between normal events, a mixed relay prints its legs, and day 2 holds A/B finals, a time trial and a
// swim-off. Positions and sizes as hytek.test.ts: times right-aligned under their labels.

function pageHeader(page: number, session: string): FixtureLine[] {
  startPage(30);
  return [
    line([
      at(18, "Invented Swim Club - Site License", SMALL),
      at(333.3, `HY-TEK's MEET MANAGER 7.0 - 9:15 PM 3/2/2024 Page ${page}`, SMALL),
    ]),
    line([at(190.4, "Invented Spring Invitational - 3/1/2024 to 3/2/2024")]),
    line([at(270.9, session)]),
  ];
}

const title = (text: string) => line([at(18, text)], 17);
const individualHeader = (seed = "Seed Time", result = "Finals Time") =>
  line([
    at(48, "Name", SMALL),
    ra(204, "Age", SMALL),
    at(210, "Team", SMALL),
    ra(402, seed, SMALL),
    ra(480, result, SMALL),
  ]);
const row = (place: string, name: string, age: string, team: string, seed: string, result: string) =>
  line([ra(42, place), at(48, name), ra(204, age), at(210, team, SMALL), ra(402, seed), ra(474.7, result)]);

function dayOne(): FixtureLine[] {
  return [
    ...pageHeader(1, "Results - Day 1"),
    title("Event 1 Women 50 Yard Freestyle"),
    individualHeader(),
    row("1", "Ambermoor, Ida", "14", "Otter Swim Club", "27.50", "26.90"),
    // A tie: both rows print the shared place with a star.
    row("*2", "Bellweather, Jo", "15", "Heron Aquatics", "27.80", "27.10"),
    row("*2", "Cobbleton, Kit", "14", "Otter Swim Club", "28.00", "27.10"),
    row("4", "Dunmore, Liv", "13", "Heron Aquatics", "28.40", "27.95"),
    title("Event 2 Girls 8 & Under 25 Yard Kick"),
    individualHeader(),
    row("1", "Elderberry, May", "8", "Otter Swim Club", "NT", "24.31"),
    row("2", "Foxglove, Nia", "7", "Heron Aquatics", "NT", "25.02"),
    title("Event 3 Men 100 Yard Backstroke"),
    individualHeader(),
    row("1", "Gorsebrook, Oli", "16", "Otter Swim Club", "1:01.00", "59.87"),
    splits("r:+0.55 29.10", "59.87 (30.77)"),
    row("2", "Hawthorne, Pip", "17", "Heron Aquatics", "1:02.00", "1:01.44"),
    // A novelty event with no distance: its rows belong to no event the parser can read.
    title("Event 4 Girls 8 & Under Noodle Challenge"),
    individualHeader(),
    row("1", "Ivybridge, Quin", "8", "Otter Swim Club", "NT", "1:10.00"),
    title("Event 5 Mixed 200 Yard Medley Relay"),
    line([
      at(47.3, "Team", SMALL),
      at(210, "Relay", SMALL),
      ra(390, "Seed Time", SMALL),
      ra(473.3, "Finals Time", SMALL),
    ]),
    line([
      ra(39.6, "1"),
      at(48, "Otter Swim Club"),
      at(217.5, "A", SMALL),
      ra(390, "1:55.00"),
      ra(474, "1:52.40"),
    ]),
    line(
      [
        at(54, "1) Juniper, Rae 15", SMALL),
        at(180, "2) r:+0.22 Kestrel, Sam 16", SMALL),
        at(306, "3) r:+0.31 Larkspur, Tia 15", SMALL),
        at(432, "4) r:+0.18 Marigold, Uri 16", SMALL),
      ],
      11.5,
    ),
    // Cumulative splits at each changeover, the leg's own time in parentheses.
    splits("r:+0.61 29.80", "1:00.20 (30.40)", "1:29.00 (28.80)", "1:52.40 (23.40)"),
  ];
}

function dayTwo(): FixtureLine[] {
  return [
    ...pageHeader(2, "Results - Day 2"),
    title("Event 6 Men 100 Yard Butterfly"),
    individualHeader("Prelim Time"),
    line([at(18, "A - Final")]),
    row("1", "Nettlefield, Vic", "17", "Otter Swim Club", "55.10", "54.60"),
    line([at(18, "B - Final")]),
    row("9", "Oakhurst, Wren", "16", "Heron Aquatics", "57.00", "56.20"),
    title("Event 106 Men 50 Yard Freestyle Time Trial"),
    individualHeader(),
    line([at(22, "- Time Trial")]),
    row("1", "Pennywort, Xan", "15", "Otter Swim Club", "NT", "24.88"),
    title("Event 6S Men 100 Yard Butterfly Swim-off"),
    individualHeader(),
    line([at(22, "- Swim-off")]),
    row("1", "Quarrystone, Yul", "16", "Heron Aquatics", "57.40", "57.05"),
  ];
}

describe("hytekParser: facts a swimmer can trust (Crystal layout)", () => {
  let output: ExtractionOutput;
  const swim = (name: string): Swim => {
    const found = output.swims.find((s) => s.name.startsWith(name));
    if (!found) throw new Error(`no swim for ${name}`);
    return found;
  };
  beforeAll(async () => {
    const bytes = await makePdf({
      producer: "Powered By Crystal",
      creator: "Crystal Reports",
      pages: [
        { lines: dayOne(), width: 612, height: 792 },
        { lines: dayTwo(), width: 612, height: 792 },
      ],
    });
    output = extractFromText(await readPdfText(bytes), { validate: true });
  });

  it("keeps the meet's days and dates each swim by its page's session", () => {
    expect(output.meet).toMatchObject({ startDate: "2024-03-01", endDate: "2024-03-02", course: "SCY" });
    expect(swim("Ambermoor")).toMatchObject({ date: "2024-03-01", dateIsMeetStart: false });
    expect(swim("Nettlefield")).toMatchObject({ date: "2024-03-02", dateIsMeetStart: false });
    expect(swim("Quarrystone")).toMatchObject({ date: "2024-03-02" });
  });

  it("gives canonical times beside the printed ones, and the event header as printed", () => {
    expect(swim("Gorsebrook")).toMatchObject({
      time: "59.87",
      timeAsPrinted: "59.87",
      seedTime: "1:01.00",
      seedTimeAsPrinted: "1:01.00",
      event: { number: "3", name: "Men 100 Yard Backstroke", distance: 100, stroke: "back" },
    });
    expect(swim("Ambermoor").event.name).toBe("Women 50 Yard Freestyle");
  });

  it("marks starred places as shared", () => {
    expect(swim("Bellweather")).toMatchObject({ place: 2, tie: true });
    expect(swim("Cobbleton")).toMatchObject({ place: 2, tie: true });
    expect(swim("Ambermoor")).toMatchObject({ place: 1, tie: false });
    expect(swim("Dunmore")).toMatchObject({ place: 4, tie: false });
  });

  it("gives a kick event its own rows with stroke 'other', and the next event parses normally", () => {
    expect(swim("Elderberry")).toMatchObject({
      place: 1,
      time: "24.31",
      event: {
        number: "2",
        name: "Girls 8 & Under 25 Yard Kick",
        distance: 25,
        stroke: "other",
        gender: "F",
      },
    });
    expect(swim("Foxglove").event).toMatchObject({ number: "2", stroke: "other", distance: 25 });
    expect(swim("Gorsebrook")).toMatchObject({ place: 1, age: 16, reactionTime: 0.55 });
    expect(swim("Hawthorne")).toMatchObject({ place: 2, event: { number: "3", stroke: "back" } });
  });

  it("skips the rows of an event without a readable distance, with a warning, and never folds them into the event before", () => {
    expect(output.swims.some((s) => s.name.startsWith("Ivybridge"))).toBe(false);
    expect(output.warnings).toContainEqual(expect.stringContaining("Girls 8 & Under Noodle Challenge"));
    // The relay after it is read as its own event.
    expect(output.swims.filter((s) => s.event.number === "3")).toHaveLength(2);
  });

  it("reads a mixed relay: name as printed, gender X, each swimmer's own leg and the team's cumulative splits", () => {
    const relay = swim("Otter Swim Club A");
    expect(relay).toMatchObject({
      gender: "X",
      time: "1:52.40",
      event: { name: "Mixed 200 Yard Medley Relay", gender: "X", stroke: "medley_relay", relay: true },
    });
    expect(relay.relayLegs).toEqual([
      { name: "Juniper, Rae", order: 1, timeMs: 29_800, time: "29.80" },
      { name: "Kestrel, Sam", order: 2, timeMs: 30_400, time: "30.40" },
      { name: "Larkspur, Tia", order: 3, timeMs: 28_800, time: "28.80" },
      { name: "Marigold, Uri", order: 4, timeMs: 23_400, time: "23.40" },
    ]);
    expect(relay.splits.map((s) => [s.distance, s.time])).toEqual([
      [50, "29.80"],
      [100, "1:00.20"],
      [150, "1:29.00"],
      [200, "1:52.40"],
    ]);
  });

  it("labels A and B finals, time trials and swim-offs, which round alone cannot tell apart", () => {
    expect(swim("Nettlefield")).toMatchObject({ round: "final", roundLabel: "A Final", place: 1 });
    expect(swim("Oakhurst")).toMatchObject({ round: "final", roundLabel: "B Final", place: 9 });
    expect(swim("Pennywort")).toMatchObject({
      round: "timed_final",
      roundLabel: "Time Trial",
      event: { number: "106", name: "Men 50 Yard Freestyle Time Trial", stroke: "free" },
    });
    expect(swim("Quarrystone")).toMatchObject({ round: "swimoff", roundLabel: "Swim-off" });
    expect(swim("Gorsebrook").roundLabel).toBeNull();
  });
});

// The HTML report prints a tie as the same place on two rows, without a star.
const htmlPage = [
  "Licensed to Invented Swim Club - Office Copy",
  "                                 HY-TEK's MEET MANAGER 7.0  11/22/2023  11:47 AM",
  "                      Invented Autumn Meet - 10/27/2023 to 10/28/2023",
  "                                  Results - Saturday AM",
  "Event  7   Boys 11-12 50 Yard Freestyle",
  "===============================================================================",
  "     Name                          Age Team                    Seed     Finals  Points",
  "===============================================================================",
  "  14 Rookwood, Abe                 11 OTTR-XX                 33.00      31.09",
  "  15 Sallowmere, Ben               12 HERN-XX                 33.22      31.63",
  "  15 Thistledown, Cy               11 HERN-XX                 32.52      31.63",
  "  17 Umberfield, Dan               12 OTTR-XX                 37.67      31.85",
];

describe("hytekParser: the HTML report's ties and session day", () => {
  let output: ExtractionOutput;
  beforeAll(async () => {
    const bytes = await makePdfFromText([htmlPage], {
      producer: "Acrobat Web Capture 15.0",
      creator: "Adobe Acrobat 17.0",
      size: 9,
    });
    output = extractFromText(await readPdfText(bytes), { validate: true });
  });

  it("marks two rows of one place and time as shared, and no others", () => {
    expect(output.swims.map((s) => [s.place, s.tie])).toEqual([
      [14, false],
      [15, true],
      [15, true],
      [17, false],
    ]);
  });

  it("dates the swims by the weekday the session title names", () => {
    expect(output.swims.every((s) => s.date === "2023-10-28" && !s.dateIsMeetStart)).toBe(true);
  });
});
