import { beforeAll, describe, expect, it } from "vitest";
import { type PdfText, readPdfText } from "../pdf/text-layout.ts";
import { makePdfFromText } from "../test-support/make-pdf.ts";
import type { ParsedMeet } from "./format-parser.ts";
import { hytekParser } from "./hytek.ts";

// Hy-Tek's HTML results report printed to PDF (Acrobat Web Capture): the monospaced text report with
// "=" rules, one item per run of words, lap splits without parentheses and two relay swimmers a line.
const page = [
  "Licensed to Invented Swim Club - Office Copy",
  "                                 HY-TEK's MEET MANAGER 7.0  11/22/2023  11:47 AM",
  "                      Invented Autumn Meet - 10/26/2023 to 10/28/2023",
  "                                        Results",
  "Event  1   Girls 9-10 100 Yard Freestyle",
  "===============================================================================",
  "     Name                          Age Team                    Seed     Finals  Points",
  "===============================================================================",
  "   1 Quillfeather, Ada M            10 OTTR-XX              1:20.00    1:15.50      9",
  "         36.50     39.00",
  "   2 Brightwater, Nell               9 HERN-XX                   NT    1:18.20      7",
  "  -- Marsh, Lotte                   10 OTTR-XX              1:25.00         DQ",
  "         40.00     44.00",
  "  -- Fenwick, Tilly                 10 HERN-XX              1:30.00         NS",
  "Event  2   Boys 10 & Under 200 Yard Freestyle        Relay",
  "===============================================================================",
  "     Team                                                  Seed     Finals  Points",
  "===============================================================================",
  "   1 OTTER SWIM CLUB-XX       'A'                       2:10.00    2:05.40     18",
  "      1) Backstroke, Amy J 10                 2) Breaster,  Cal  9",
  "      3) Flyer, Ben T 10                      4) Freestyler,  Dee  10",
  "         32.00     31.50     30.90     31.00",
  " file:///C/Invented/results.htm[11/22/2023 11:50:00 AM]",
];

describe("hytekParser (HTML report printed to PDF)", () => {
  let doc: PdfText;
  let parsed: ParsedMeet;
  beforeAll(async () => {
    doc = await readPdfText(
      await makePdfFromText([page], {
        producer: "Acrobat Web Capture 15.0",
        creator: "Adobe Acrobat 17.0",
        size: 9,
      }),
    );
    parsed = hytekParser.parse(doc);
  });

  it("recognises the report and reads the meet", () => {
    expect(hytekParser.detect(doc)).toBe(true);
    expect(parsed.meet).toMatchObject({
      name: "Invented Autumn Meet",
      startDate: "2023-10-26",
      endDate: "2023-10-28",
      course: "SCY",
      venue: null,
    });
  });

  it("reads rows with age and team in one cell, and adds up the lap splits", () => {
    expect(parsed.swims[0]).toMatchObject({
      name: "Quillfeather, Ada M",
      age: 10,
      team: "OTTR-XX",
      gender: "F",
      place: 1,
      seedTime: "1:20.00",
      timeMs: 75_500,
      points: 9,
      event: { number: "1", distance: 100, stroke: "free", ageGroup: "Girls 9-10", course: "SCY" },
      splits: [
        { distance: 50, timeMs: 36_500 },
        { distance: 100, timeMs: 75_500 },
      ],
    });
    expect(parsed.swims[1]).toMatchObject({ name: "Brightwater, Nell", age: 9, seedTime: null, splits: [] });
  });

  it("reads DQ and NS rows; a DQ's laps still add up from the start", () => {
    expect(parsed.swims[2]).toMatchObject({
      name: "Marsh, Lotte",
      status: "DQ",
      place: null,
      timeMs: null,
      splits: [
        { distance: 50, timeMs: 40_000 },
        { distance: 100, timeMs: 84_000 },
      ],
    });
    expect(parsed.swims[3]).toMatchObject({ name: "Fenwick, Tilly", status: "NS", timeMs: null });
  });

  it("reads relays with a quoted letter and two swimmers a line, padded names collapsed", () => {
    const relay = parsed.swims[4]!;
    expect(relay).toMatchObject({
      name: "OTTER SWIM CLUB-XX A",
      team: "OTTER SWIM CLUB-XX",
      place: 1,
      timeMs: 125_400,
      points: 18,
      event: { distance: 200, stroke: "free_relay", relay: true, ageGroup: "Boys 10 & Under", gender: "M" },
    });
    expect(relay.relayLegs).toEqual([
      { name: "Backstroke, Amy J", order: 1, timeMs: 32_000 },
      { name: "Breaster, Cal", order: 2, timeMs: 31_500 },
      { name: "Flyer, Ben T", order: 3, timeMs: 30_900 },
      { name: "Freestyler, Dee", order: 4, timeMs: 31_000 },
    ]);
    expect(parsed.swims).toHaveLength(5);
  });
});
