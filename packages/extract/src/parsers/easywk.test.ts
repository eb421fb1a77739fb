import { beforeAll, describe, expect, it } from "vitest";
import { type PdfText, readPdfText } from "../pdf/text-layout.ts";
import { type FixtureItem, type FixtureLine, makePdf } from "../test-support/make-pdf.ts";
import { easywkParser } from "./easywk.ts";
import type { ParsedMeet } from "./format-parser.ts";

// Column positions and font sizes as EasyWk 5 prints a "Protokoll" (A4, points from the left).
const HEADER = ["Platz", "Schwimmerin", "Jg.", "Verein", "Endzeit"];
const HEADER_X = [59.5, 106, 219.4, 278.6, 408.5];

let y = 0;
function line(items: FixtureItem[], gap = 12.8): FixtureLine {
  y += gap;
  return { y, items };
}
const title = (text: string) => line([{ x: 56.7, text, size: 14 }], 20);
const group = (text: string) => line([{ x: 56.7, text, size: 12 }], 20);
const header = (swimmer = "Schwimmerin") =>
  line(HEADER.map((text, i) => ({ x: HEADER_X[i]!, text: i === 1 ? swimmer : text, size: 8 })));
function row(place: string | null, name: string, year: string, club: string, time?: string, points?: string) {
  const items: FixtureItem[] = [
    { x: 106, text: name, size: 8 },
    { x: 237, text: year, size: 8 },
    { x: 278.6, text: club, size: 8 },
  ];
  if (place) items.unshift({ x: 59.5, text: place, size: 8 });
  if (time) items.push({ x: 428.3, text: time, size: 8 });
  if (points) items.push({ x: 479.3, text: points, size: 8 }, { x: 512.5, text: "12", size: 8 });
  return line(items);
}
const note = (text: string, x = 103.2) => line([{ x, text, size: 10 }]);
const pageTop = (n: number) => {
  y = 20;
  return line([
    { x: 56.7, text: "Erfundenes Schwimmfest 2024", size: 11 },
    { x: 516, text: `Seite ${n}`, size: 10 },
  ]);
};

async function fixture(): Promise<PdfText> {
  y = 540;
  const cover = [
    line([{ x: 183, text: "vom 02.03.2024 bis 03.03.2024", size: 16 }]),
    line([{ x: 237, text: "Protokoll", size: 28 }], 60),
    line([
      { x: 85, text: "Wettkampfbecken", size: 12 },
      { x: 381.5, text: "Schwimmbad-Adresse", size: 12 },
    ]),
    line([
      { x: 85, text: "4 Bahnen á 25m", size: 12 },
      { x: 380, text: "Otterbad am Teich", size: 12 },
    ]),
    line([{ x: 413, text: "12345 Fischstadt", size: 12 }]),
    line([{ x: 201.8, text: "Stand: 03.03.2024, 19:35:04 Uhr erzeugt mit EasyWk", size: 8 }], 40),
  ];
  const page2 = [
    pageTop(1),
    title("Wettkampf 1 - 100m Schmetterling weiblich"),
    group("Jahrgang 2012"),
    header(),
    row("1.", "Quillfeather, Ada", "2012", "SV Otterbach", "01:34,28", "194"),
    note("50m: 00:41,27", 105.3),
    row("2.", "Brightwater, Nell Marie", "2012", "SC Fischstadt e.V.", "01:41,83", "154"),
    note("50m: 00:47,11", 105.3),
    line([{ x: 106, text: "disqualifiziert", size: 8 }]),
    row(null, "Marsh, Lotte", "2012", "SV Otterbach"),
    note("Die Sportlerin hat bei der Wende die Wand nicht mit beiden Händen gleichzeitig"),
    note("berührt."),
    note("Uhrzeit der Bekanntgabe: 09:32"),
    line([{ x: 106, text: "nicht am Start", size: 8 }]),
    row(null, "Fenwick, Tilly", "2012", "SC Fischstadt e.V."),
  ];
  const page3 = [
    pageTop(2),
    title("noch Wettkampf 1 - 100m Schmetterling weiblich"),
    group("noch Jahrgang 2012"),
    header(),
    // The status block runs on from the previous page without its heading.
    row(null, "Kestrel, Mira", "2012", "SV Otterbach"),
    title("Wettkampf 223 - 50m Rücken männlich (A-Finale)"),
    group("Juniorenwertung"),
    header("Schwimmer"),
    row("1.", "Heron, Paul", "2005", "SV Otterbach", "00:28,50", "730"),
    title("Wettkampf 11 - 4x50m Lagen mixed"),
    group("Jahrgänge 2010 bis 2014"),
    header("Schwimmer(in)"),
    row("1.", "1. Mannschaft", "2010", "SV Otterbach", "02:14,50"),
    ...[
      ["Heron, Jan", "2010 (M)", "50m: 00:33,61"],
      ["Quillfeather, Ada", "2012 (W)", "100m: 01:13,72"],
      ["Marsh, Lotte", "2012 (W)", "150m: 01:43,54"],
      ["Kingfisher, Tom", "2011 (M)", "200m: 02:14,50"],
    ].map(([name, year, split]) =>
      line([
        { x: 106, text: name!, size: 10 },
        { x: 227.3, text: year!, size: 10 },
        { x: 278.6, text: split!, size: 10 },
      ]),
    ),
    group("Punktbeste Leistung Jahrgang 2012 weiblich"),
    line([
      { x: 75, text: "1.", size: 8 },
      { x: 95, text: "Quillfeather, Ada", size: 8 },
      { x: 180, text: "2012", size: 8 },
      { x: 210, text: "SV Otterbach", size: 8 },
      { x: 330, text: "194", size: 8 },
    ]),
  ];
  const bytes = await makePdf({
    creator: "EasyWk",
    producer: "Invented PDF Writer",
    pages: [{ lines: cover }, { lines: page2 }, { lines: page3 }],
  });
  return readPdfText(bytes);
}

describe("easywkParser", () => {
  let doc: PdfText;
  let parsed: ParsedMeet;
  beforeAll(async () => {
    doc = await fixture();
    parsed = easywkParser.parse(doc);
  });

  it("recognises EasyWk documents and reads the meet from the cover and page headers", () => {
    expect(easywkParser.detect(doc)).toBe(true);
    expect(easywkParser.detect({ ...doc, creator: null, pages: doc.pages.slice(1) })).toBe(false);
    expect(parsed.meet).toEqual({
      name: "Erfundenes Schwimmfest 2024",
      startDate: "2024-03-02",
      endDate: "2024-03-03",
      course: "SCM",
      venue: "Otterbad am Teich, Fischstadt",
      software: "EasyWk",
    });
  });

  it("reads ranked rows with birth year, club, comma-decimal time, points and 50m split", () => {
    const ada = parsed.swims.find((s) => s.name === "Quillfeather, Ada" && !s.event.relay)!;
    expect(ada).toMatchObject({
      firstName: "Ada",
      lastName: "Quillfeather",
      birthYear: 2012,
      team: "SV Otterbach",
      gender: "F",
      round: "timed_final",
      place: 1,
      time: "01:34,28",
      timeMs: 94_280,
      status: "OK",
      points: 194,
      page: 2,
    });
    expect(ada.event).toEqual({
      number: "1",
      name: "100m Schmetterling weiblich",
      distance: 100,
      stroke: "fly",
      relay: false,
      ageGroup: "Jahrgang 2012",
      gender: "F",
      course: "SCM",
    });
    expect(ada.splits).toEqual([
      { distance: 50, timeMs: 41_270 },
      { distance: 100, timeMs: 94_280 },
    ]);
  });

  it("gives swimmers under a status heading that status, the DQ note, and carries the block over a page break", () => {
    const byName = (name: string) => parsed.swims.find((s) => s.name === name)!;
    expect(byName("Marsh, Lotte")).toMatchObject({
      status: "DQ",
      place: null,
      time: null,
      timeMs: null,
      dqReason: "Die Sportlerin hat bei der Wende die Wand nicht mit beiden Händen gleichzeitig berührt.",
    });
    expect(byName("Fenwick, Tilly")).toMatchObject({ status: "DNS", dqReason: null });
    expect(byName("Kestrel, Mira")).toMatchObject({
      status: "DNS",
      page: 3,
      event: { ageGroup: "Jahrgang 2012" },
    });
  });

  it("reads finals with their ranking group and ignores the points tables after the results", () => {
    const paul = parsed.swims.find((s) => s.name === "Heron, Paul")!;
    expect(paul).toMatchObject({
      round: "final",
      roundLabel: "A-Finale",
      place: 1,
      timeMs: 28_500,
      gender: "M",
    });
    // No "Abschnitt" heading prints a day: the swims keep no date of their own.
    expect(parsed.swims.every((s) => s.date == null)).toBe(true);
    expect(paul.event).toMatchObject({
      number: "223",
      distance: 50,
      stroke: "back",
      ageGroup: "Juniorenwertung",
    });
    expect(parsed.swims.filter((s) => s.name === "Quillfeather, Ada" && !s.event.relay)).toHaveLength(1);
    expect(parsed.swims).toHaveLength(7);
  });

  it("reads relay teams with their legs and cumulative splits", () => {
    const relay = parsed.swims.find((s) => s.event.relay)!;
    expect(relay).toMatchObject({
      name: "SV Otterbach 1. Mannschaft",
      team: "SV Otterbach",
      place: 1,
      timeMs: 134_500,
      birthYear: null,
      event: { number: "11", distance: 200, stroke: "medley_relay", gender: "X" },
    });
    expect(relay.relayLegs).toEqual([
      { name: "Heron, Jan", order: 1, timeMs: 33_610 },
      { name: "Quillfeather, Ada", order: 2, timeMs: 40_110 },
      { name: "Marsh, Lotte", order: 3, timeMs: 29_820 },
      { name: "Kingfisher, Tom", order: 4, timeMs: 30_960 },
    ]);
    expect(relay.splits.map((s) => s.distance)).toEqual([50, 100, 150, 200]);
  });
});
