/**
 * The facts a Splash results book prints beside the rows: race dates per event (over two days),
 * shared places, Final A/B and swim-off rounds, relay legs with their own times, the pool length
 * named by the record list, and events whose stroke or distance the parser cannot read.
 * Invented names in Splash Meet Manager 11's A4 layout.
 */
import type { ExtractionOutput, Swim } from "@splitstream/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { extractFromText } from "../extract-meet.ts";
import { readPdfText } from "../pdf/text-layout.ts";
import { type FixtureItem, type FixtureLine, makePdf } from "../test-support/make-pdf.ts";
import { splashParser } from "./splash.ts";
import { headerDateRange } from "./splash-dates.ts";

let y = 0;
function line(items: FixtureItem[], gap = 12): FixtureLine {
  y += gap;
  return { y, items };
}
const at = (x: number, text: string, size = 10): FixtureItem => ({ x, text, size });
const pageHeader = () => {
  y = 68;
  return [line([at(229.5, "Invented Autumn Meet 2024")]), line([at(219.8, "Otterton, 4. - 6.10.2024")])];
};
const footer = (page: number) => ({
  y: 800,
  items: [
    at(48, "Splash Meet Manager, 11.51721", 8),
    at(250, "Registered to Invented Club", 8),
    at(460, `06.10.2024 19:36 - Page ${page}`, 8),
  ],
});
const title = (number: string, description: string, group = "Open") =>
  line([at(43, `Event ${number}`), at(253.9, description), at(540.8, group)], 20);
const dated = (date: string, results: string) => line([at(43, date), at(520, results)]);
const header = () =>
  line(
    [at(51, "Rank", 8), at(249, "YB", 8), at(445.5, "Time", 8), at(476.8, "Pts", 8), at(554.3, "RT", 8)],
    20,
  );
const row = (rank: string, name: string, year: string, time: string, points: string) =>
  line([
    at(rank ? 60.8 : 71, rank ? `${rank} ${name}` : name),
    at(249, year),
    at(275, "Otter Swim Club"),
    at(429.8, time),
    at(472.3, points),
    at(539.3, "+0.70"),
  ]);

function firstDay(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(50, "1 - Morning Prelims"), at(450, "04.10.2024 - 9:00")], 16),
    title("1", "Women, 100m Freestyle"),
    dated("04.10.2024 - 9:00", "Results Prelim"),
    // The record list names the pool: Belgian-style "… 25m" lists are the short-course records.
    line([
      at(43, "RB - BR 25m", 8),
      at(198, "53.10", 8),
      at(236, "FAMOUS Someone", 8),
      at(380, "OTT", 8),
      at(420, "Otterton", 8),
      at(500, "01.02.2020", 8),
    ]),
    header(),
    row("1.", "ALDER Ann", "08", "58.10", "700"),
    row("2.", "BIRCH Bea", "07", "58.40", "690"),
    // A shared place is printed once: the rankless row below ties with the row above.
    row("", "CEDAR Cat", "08", "58.40", "690"),
    row("4.", "DOGWOOD Dot", "06", "1:02.34", "600"),
    title("2", "Women, 50m Kick"),
    dated("04.10.2024 - 9:30", "Results"),
    header(),
    row("1.", "ELM Eve", "08", "35.20", "0"),
    row("2.", "FIR Fay", "07", "36.00", "0"),
    title("3", "Women, 50m Butterfly"),
    dated("04.10.2024 - 9:40", "Results"),
    header(),
    row("1.", "GORSE Gil", "08", "29.10", "720"),
    // No distance to read: the rows cannot be placed in any event.
    title("4", "Mixed, Invented Fun Relay"),
    dated("04.10.2024 - 9:50", "Results"),
    header(),
    row("1.", "Otter Club I", "", "2:10.00", "0"),
    title("5", "Men, 50m Backstroke"),
    dated("04.10.2024 - 10:00", "Results Prelim"),
    header(),
    row("1.", "HAZEL Hal", "06", "27.50", "730"),
    row("2.", "IVY Ian", "06", "27.52", "728"),
    footer(1),
  ];
}

function lastDay(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(50, "2 - Finals"), at(450, "06.10.2024 - 17:00")], 16),
    title("5", "Men, 50m Backstroke"),
    dated("06.10.2024 - 17:20", "Results Swim-off"),
    header(),
    row("1.", "HAZEL Hal", "06", "27.40", "735"),
    title("6", "Mixed, 4 x 50m Medley"),
    dated("06.10.2024 - 18:00", "Results Final"),
    header(),
    line([
      at(60.8, "1. Otter Club I"),
      at(275, "Otter Swim Club"),
      at(429.8, "1:59.50"),
      at(472.3, "640"),
      at(539.3, "+0.60"),
    ]),
    // Two swimmers per line, read down each column; the last time of a cell is that swimmer's own leg.
    line(
      [
        at(69, "ALDER Ann", 8),
        at(194.8, "+0.60", 8),
        at(272.8, "31.00", 8),
        at(314, "HAZEL Hal", 8),
        at(441.3, "+0.20", 8),
        at(517.8, "28.00", 8),
      ],
      10,
    ),
    line(
      [
        at(69, "IVY Ian", 8),
        at(194.8, "+0.30", 8),
        at(272.8, "34.50", 8),
        at(314, "GORSE Gil", 8),
        at(441.3, "+0.10", 8),
        at(517.8, "26.00", 8),
      ],
      10,
    ),
    title("1", "Women, 100m Freestyle"),
    dated("06.10.2024 - 18:30", "Results Final"),
    header(),
    line([at(43, "Final A")], 17),
    row("1.", "ALDER Ann", "08", "57.90", "710"),
    line([at(43, "Final B")], 17),
    row("9.", "BIRCH Bea", "07", "59.50", "650"),
    footer(2),
  ];
}

/** A continuation page: the title repeated in its one-line form, no date line, the B final going on. */
function continuation(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(43, "Event 1, Women, 100m Freestyle, Final, Open")], 20),
    header(),
    row("10.", "JUNIPER Joy", "07", "59.80", "640"),
    footer(3),
  ];
}

describe("Splash facts beside the rows", () => {
  let out: ExtractionOutput;
  beforeAll(async () => {
    const bytes = await makePdf({
      creator: "Splash Meet Manager 11",
      pages: [{ lines: firstDay() }, { lines: lastDay() }, { lines: continuation() }],
    });
    out = extractFromText(await readPdfText(bytes), { parsers: [splashParser], validate: true });
  });
  const swimsOf = (name: string): Swim[] => out.swims.filter((s) => s.name === name);

  it("reads the meet's days from the header and dates every swim by its event's date line", () => {
    expect(out.meet).toMatchObject({ startDate: "2024-10-04", endDate: "2024-10-06", venue: "Otterton" });
    expect(swimsOf("ALDER Ann").map((s) => [s.round, s.date, s.dateIsMeetStart])).toEqual([
      ["prelim", "2024-10-04", false],
      ["final", "2024-10-06", false],
    ]);
    expect(swimsOf("JUNIPER Joy")[0]).toMatchObject({ date: "2024-10-06", round: "final" });
    expect(out.swims.every((s) => !s.dateIsMeetStart)).toBe(true);
  });

  it("keeps the time as printed beside its canonical form", () => {
    expect(swimsOf("DOGWOOD Dot")[0]).toMatchObject({
      time: "1:02.34",
      timeAsPrinted: "1:02.34",
      timeMs: 62_340,
      place: 4,
      tie: false,
    });
  });

  it("marks both rows of a shared place as a tie", () => {
    expect(
      out.swims
        .filter((s) => s.event.number === "1" && s.round === "prelim")
        .map((s) => [s.name, s.place, s.tie]),
    ).toEqual([
      ["ALDER Ann", 1, false],
      ["BIRCH Bea", 2, true],
      ["CEDAR Cat", 2, true],
      ["DOGWOOD Dot", 4, false],
    ]);
  });

  it("labels Final A and Final B, carries the label over a continuation page, and labels a swim-off", () => {
    const finals = out.swims.filter((s) => s.event.number === "1" && s.round === "final");
    expect(finals.map((s) => [s.name, s.place, s.roundLabel])).toEqual([
      ["ALDER Ann", 1, "Final A"],
      ["BIRCH Bea", 9, "Final B"],
      ["JUNIPER Joy", 10, "Final B"],
    ]);
    expect(swimsOf("JUNIPER Joy")[0]!.event.name).toBe("Women, 100m Freestyle, Open");
    expect(swimsOf("HAZEL Hal").map((s) => [s.round, s.roundLabel, s.date])).toEqual([
      ["prelim", null, "2024-10-04"],
      ["swimoff", "Swim-off", "2024-10-06"],
    ]);
    expect(swimsOf("GORSE Gil")[0]!.roundLabel).toBeNull();
  });

  it("gives a kick event its own rows with stroke other, and the next event parses normally", () => {
    expect(swimsOf("ELM Eve")[0]).toMatchObject({
      event: { number: "2", name: "Women, 50m Kick, Open", distance: 50, stroke: "other", relay: false },
      place: 1,
      time: "35.20",
    });
    expect(swimsOf("FIR Fay")[0]!.event.stroke).toBe("other");
    expect(swimsOf("GORSE Gil")[0]).toMatchObject({
      event: { number: "3", name: "Women, 50m Butterfly, Open", distance: 50, stroke: "fly" },
      place: 1,
      time: "29.10",
    });
  });

  it("skips the rows of an event without a distance, with a warning, and reads the next event", () => {
    expect(out.swims.some((s) => s.event.number === "4")).toBe(false);
    expect(out.swims.filter((s) => s.name === "Otter Club I")).toHaveLength(1);
    expect(out.warnings).toContain(
      'Event 4 ("Mixed, Invented Fun Relay, Open"): no distance could be read from its title; its rows were skipped.',
    );
    expect(swimsOf("IVY Ian")[0]).toMatchObject({
      event: { number: "5", distance: 50, stroke: "back", gender: "M" },
      place: 2,
      time: "27.52",
    });
  });

  it("reads a mixed relay: its printed name, gender X, each swimmer's own leg and the team's cumulative splits", () => {
    const relay = swimsOf("Otter Club I")[0]!;
    expect(relay.event).toMatchObject({
      name: "Mixed, 4 x 50m Medley, Open",
      gender: "X",
      relay: true,
      stroke: "medley_relay",
      distance: 200,
    });
    expect(relay.relayLegs).toEqual([
      { name: "ALDER Ann", order: 1, timeMs: 31_000, time: "31.00" },
      { name: "IVY Ian", order: 2, timeMs: 34_500, time: "34.50" },
      { name: "HAZEL Hal", order: 3, timeMs: 28_000, time: "28.00" },
      { name: "GORSE Gil", order: 4, timeMs: 26_000, time: "26.00" },
    ]);
    expect(relay.splits.map((s) => [s.distance, s.time])).toEqual([
      [50, "31.00"],
      [100, "1:05.50"],
      [150, "1:33.50"],
      [200, "1:59.50"],
    ]);
  });

  it("takes the course from the record list's pool length, on the meet and every event, without guessing", () => {
    expect(out.meet.course).toBe("SCM");
    expect(out.swims.every((s) => s.event.course === "SCM")).toBe(true);
    expect(out.warnings.filter((w) => /course/i.test(w))).toEqual([]);
  });
});

describe("headerDateRange", () => {
  it.each([
    ["Poznan, 10- - 14-7-2013", "2013-07-10", "2013-07-14"],
    ["Luxembourg, 26th - 28th January 2018", "2018-01-26", "2018-01-28"],
    ["Antwerp, 4/ - 8/7/2012", "2012-07-04", "2012-07-08"],
    ["Otterton, 31/8 - 4/9/2019", "2019-08-31", "2019-09-04"],
    ["Otterton, 7. - 9.2.2014", "2014-02-07", "2014-02-09"],
    ["Otterton, 12 - 14/5/2017", "2017-05-12", "2017-05-14"],
    ["OTTERTON/LOUTREVILLE, 31-7- - 1-8-2021", "2021-07-31", "2021-08-01"],
    ["Otterton, 12.05.2017", "2017-05-12", "2017-05-12"],
  ])("%s -> %s .. %s", (text, start, end) => {
    expect(headerDateRange(text)).toEqual({ start, end });
  });

  it("reads no range where the line holds none", () => {
    expect(headerDateRange("Otterton")).toBeNull();
    expect(headerDateRange("Otterton, 14 - 12/5/2017")).toBeNull();
  });
});
