/**
 * EasyWk over two sessions on two days: session dates, shared places, labelled finals, a kick event and
 * a title without a distance between normal events, and a mixed relay's own legs. Invented names only.
 */
import type { ExtractionOutput, Swim } from "@splitstream/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { extractFromText } from "../extract-meet.ts";
import { readPdfText } from "../pdf/text-layout.ts";
import { type FixtureItem, type FixtureLine, makePdf } from "../test-support/make-pdf.ts";
import { easywkParser } from "./easywk.ts";
import { parseEasyWkTitle } from "./easywk-event.ts";

const HEADER_X = [59.5, 106, 219.4, 278.6, 408.5];

let y = 0;
function line(items: FixtureItem[], gap = 12.8): FixtureLine {
  y += gap;
  return { y, items };
}
const big = (text: string) => line([{ x: 56.7, text, size: 14 }], 20);
const group = (text: string) => line([{ x: 56.7, text, size: 12 }], 18);
const header = (swimmer: string) =>
  line(["Platz", swimmer, "Jg.", "Verein", "Endzeit"].map((text, i) => ({ x: HEADER_X[i]!, text, size: 8 })));
function row(place: string | null, name: string, year: string, club: string, time?: string) {
  const items: FixtureItem[] = [
    { x: 106, text: name, size: 8 },
    { x: 237, text: year, size: 8 },
    { x: 278.6, text: club, size: 8 },
  ];
  if (place) items.unshift({ x: 59.5, text: place, size: 8 });
  if (time) items.push({ x: 428.3, text: time, size: 8 }, { x: 479.3, text: "150", size: 8 });
  return line(items);
}
const small = (text: string, x = 106) => line([{ x, text, size: 8 }]);
const leg = (name: string, year: string, split?: string) =>
  line([
    { x: 106, text: name, size: 10 },
    { x: 227.3, text: year, size: 10 },
    ...(split ? [{ x: 278.6, text: split, size: 10 }] : []),
  ]);
const pageTop = (n: number) => {
  y = 20;
  return line([
    { x: 56.7, text: "Erfundener Herbstpokal 2024", size: 11 },
    { x: 516, text: `Seite ${n}`, size: 10 },
  ]);
};

async function fixture() {
  y = 300;
  const cover = [
    line([{ x: 183, text: "vom 09.11.2024 bis 10.11.2024", size: 16 }]),
    line([{ x: 237, text: "Protokoll", size: 28 }], 60),
    line([{ x: 85, text: "Wettkampfbecken", size: 12 }]),
    line([{ x: 85, text: "Kurzbahn, 6 Bahnen", size: 12 }]),
    line([{ x: 201.8, text: "Stand: 10.11.2024, 18:02:11 Uhr erzeugt mit EasyWk", size: 8 }], 40),
  ];
  const day1 = [
    pageTop(1),
    big("Abschnitt 1 - Samstag 09.11.2024"),
    big("Wettkampffolge für Abschnitt 1"),
    small("Wettkampf 1 - 50m Freistil weiblich"),
    small("Wettkampf 2 - 50m Beine Freistil weiblich"),
    small("Wettkampf 3 - Jahrgangsbeste weiblich"),
    small("Wettkampf 4 - 100m Brust weiblich"),
    big("Wettkampf 1 - 50m Freistil weiblich"),
    group("Jahrgang 2013"),
    header("Schwimmerin"),
    row("1.", "Puddleby, Ottilie", "2013", "SV Mühlenteich", "00:35,10"),
    row("2.", "Reedwick, Hanne", "2013", "SC Krötenau", "00:36,00"),
    row("2.", "Sandling, Merle", "2013", "SV Mühlenteich", "00:36,00"),
    row("4.", "Tidewell, Jorinde", "2013", "SC Krötenau", "00:37,50"),
    big("Wettkampf 2 - 50m Beine Freistil weiblich"),
    group("Jahrgang 2013"),
    header("Schwimmerin"),
    row("1.", "Puddleby, Ottilie", "2013", "SV Mühlenteich", "00:45,20"),
    row("2.", "Umberfield, Greta", "2013", "SC Krötenau", "00:47,00"),
    big("Wettkampf 3 - Jahrgangsbeste weiblich"),
    group("Jahrgang 2013"),
    header("Schwimmerin"),
    row("1.", "Sandling, Merle", "2013", "SV Mühlenteich", "00:36,00"),
    big("Wettkampf 4 - 100m Brust weiblich"),
    group("Jahrgang 2013"),
    header("Schwimmerin"),
    row("1.", "Reedwick, Hanne", "2013", "SC Krötenau", "01:40,12"),
    small("50m: 00:47,30", 105.3),
  ];
  const day2 = [
    pageTop(2),
    big("Abschnitt 2 - Sonntag 10.11.2024"),
    big("Wettkampf 105 - 50m Freistil weiblich (A-Finale)"),
    group("Offene Wertung"),
    header("Schwimmerin"),
    row("1.", "Puddleby, Ottilie", "2013", "SV Mühlenteich", "00:34,90"),
    big("Wettkampf 7 - 50m Rücken männlich (Hoffnungslauf)"),
    group("Offene Wertung"),
    header("Schwimmer"),
    row("1.", "Vetchley, Bruno", "2012", "SC Krötenau", "00:39,44"),
    big("Wettkampf 6 - 4x50m Freistil Staffel mixed"),
    group("Jahrgänge 2011 bis 2014"),
    header("Schwimmer(in)"),
    row("1.", "1. Mannschaft", "2012", "SV Mühlenteich", "02:20,50"),
    leg("Puddleby, Ottilie", "2013 (W)", "50m: 00:34,80"),
    leg("Wolferton, Lenz", "2012 (M)", "100m: 01:08,10"),
    leg("Sandling, Merle", "2013 (W)", "150m: 01:45,00"),
    leg("Yarrowby, Till", "2011 (M)", "200m: 02:20,50"),
    small("disqualifiziert"),
    row(null, "1. Mannschaft", "2012", "SC Krötenau"),
    leg("Reedwick, Hanne", "2013 (W)", "50m: 00:40,00"),
    leg("Vetchley, Bruno", "2012 (M)"),
    leg("Tidewell, Jorinde", "2013 (W)", "150m: 02:05,00"),
    leg("Zennor, Kai", "2011 (M)"),
    small("Der dritte Sportler startete zu früh.", 103.2),
  ];
  const bytes = await makePdf({
    creator: "EasyWk",
    producer: "Invented PDF Writer",
    pages: [{ lines: cover }, { lines: day1 }, { lines: day2 }],
  });
  return readPdfText(bytes);
}

describe("EasyWk sessions, ties, rounds and unusual events", () => {
  let output: ExtractionOutput;
  const swimsOf = (name: string): Swim[] => output.swims.filter((s) => s.name === name);
  const eventOf = (number: string): Swim[] => output.swims.filter((s) => s.event.number === number);
  beforeAll(async () => {
    output = extractFromText(await fixture(), { parsers: [easywkParser], validate: true });
  });

  it("dates each swim by its session heading and reads the course from 'Kurzbahn'", () => {
    expect(output.meet).toMatchObject({ startDate: "2024-11-09", endDate: "2024-11-10", course: "SCM" });
    expect(eventOf("1").map((s) => s.date)).toEqual(["2024-11-09", "2024-11-09", "2024-11-09", "2024-11-09"]);
    expect(eventOf("105")[0]).toMatchObject({ date: "2024-11-10", dateIsMeetStart: false });
    expect(eventOf("6")[0]).toMatchObject({ date: "2024-11-10", dateIsMeetStart: false });
    expect(eventOf("1")[0]!.event.course).toBe("SCM");
  });

  it("keeps the printed time beside the canonical one", () => {
    expect(eventOf("1")[0]).toMatchObject({ time: "35.10", timeAsPrinted: "00:35,10", timeMs: 35_100 });
    expect(eventOf("4")[0]).toMatchObject({ time: "1:40.12", timeAsPrinted: "01:40,12", timeMs: 100_120 });
  });

  it("marks a place printed twice as a tie on both rows, and only those", () => {
    expect(eventOf("1").map((s) => [s.place, s.tie])).toEqual([
      [1, false],
      [2, true],
      [2, true],
      [4, false],
    ]);
  });

  it("gives a kick event its own 'other' event and skips a title without a distance, with a warning", () => {
    expect(eventOf("2").map((s) => s.name)).toEqual(["Puddleby, Ottilie", "Umberfield, Greta"]);
    expect(eventOf("2")[0]!.event).toMatchObject({
      name: "50m Beine Freistil weiblich",
      stroke: "other",
      distance: 50,
      gender: "F",
    });
    // Her row under the distance-less title is skipped, not folded into the kick event before it.
    expect(swimsOf("Sandling, Merle").map((s) => s.event.number)).toEqual(["1"]);
    expect(eventOf("3")).toEqual([]);
    expect(output.warnings).toContain(
      'EasyWk: Wettkampf 3 "Jahrgangsbeste weiblich" prints no distance; its results were skipped.',
    );
    // The next normal event reads normally, not as the unusual one before it.
    expect(eventOf("4")[0]).toMatchObject({
      name: "Reedwick, Hanne",
      event: { name: "100m Brust weiblich", stroke: "breast", distance: 100 },
      splits: [
        { distance: 50, timeMs: 47_300 },
        { distance: 100, timeMs: 100_120 },
      ],
    });
  });

  it("labels finals and repechages the round alone cannot tell apart", () => {
    expect(eventOf("105")[0]).toMatchObject({ round: "final", roundLabel: "A-Finale" });
    expect(eventOf("7")[0]).toMatchObject({ round: "prelim", roundLabel: "Hoffnungslauf" });
    expect(eventOf("1")[0]).toMatchObject({ round: "timed_final", roundLabel: null });
  });

  it("keeps the mixed relay's name and gives each leg the swimmer's own time", () => {
    const [team, disqualified] = eventOf("6");
    expect(team!.event).toMatchObject({
      name: "4x50m Freistil Staffel mixed",
      gender: "X",
      relay: true,
      stroke: "free_relay",
      distance: 200,
    });
    expect(team!.relayLegs.map((l) => [l.name, l.timeMs, l.time])).toEqual([
      ["Puddleby, Ottilie", 34_800, "34.80"],
      ["Wolferton, Lenz", 33_300, "33.30"],
      ["Sandling, Merle", 36_900, "36.90"],
      ["Yarrowby, Till", 35_500, "35.50"],
    ]);
    expect(team!.splits.map((s) => s.timeMs)).toEqual([34_800, 68_100, 105_000, 140_500]);
    // A leg after one that printed no split has no start to measure from.
    expect(disqualified).toMatchObject({ status: "DQ", dqReason: "Der dritte Sportler startete zu früh." });
    expect(disqualified!.relayLegs.map((l) => l.timeMs)).toEqual([40_000, null, null, null]);
  });
});

describe("parseEasyWkTitle", () => {
  const read = (text: string) => parseEasyWkTitle(text, null)?.title;

  it("reads kick and technique titles as stroke 'other' with their distance, para classes as their stroke", () => {
    expect(read("Wettkampf 3 - 100m Kraul-Beine männlich")?.event).toMatchObject({
      stroke: "other",
      distance: 100,
      gender: "M",
    });
    expect(read("Wettkampf 8 - 50m Delfinbeine weiblich")?.event.stroke).toBe("other");
    expect(read("Wettkampf 9 - 50m Freistil S5-S10 mixed")?.event).toMatchObject({
      stroke: "free",
      gender: "X",
      name: "50m Freistil S5-S10 mixed",
    });
    expect(read("Wettkampf 5 - 4x50m Brust Staffel weiblich")?.event).toMatchObject({
      stroke: "other",
      relay: true,
      distance: 200,
    });
  });

  it("reads normal titles, relays and their rounds", () => {
    expect(read("Wettkampf 12 - 100m Kraul weiblich")?.event.stroke).toBe("free");
    expect(read("Wettkampf 22 - 4x50m Lagen mixed")?.event).toMatchObject({
      stroke: "medley_relay",
      distance: 200,
      gender: "X",
      name: "4x50m Lagen mixed",
    });
    expect(read("Wettkampf 41 - 50m Freistil weiblich (Vorlauf)")).toMatchObject({
      round: "prelim",
      roundLabel: null,
    });
    expect(read("Wettkampf 241 - 50m Freistil weiblich (Finale)")).toMatchObject({
      round: "final",
      roundLabel: null,
    });
    expect(read("Wettkampf 139 - 50m Schmetterling weiblich (B-Finale)")).toMatchObject({
      round: "final",
      roundLabel: "B-Finale",
    });
  });

  it("knows a title shape without a distance, and other lines are no titles", () => {
    expect(parseEasyWkTitle("Wettkampf 30 - Jahrgangsbeste", null)).toEqual({
      number: "30",
      name: "Jahrgangsbeste",
      continued: false,
      title: null,
    });
    expect(parseEasyWkTitle("Wettkampffolge für Abschnitt 1", null)).toBeNull();
  });
});
