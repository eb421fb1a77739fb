import { beforeAll, describe, expect, it } from "vitest";
import { type PdfText, readPdfText } from "../pdf/text-layout.ts";
import { type FixtureItem, type FixtureLine, makePdf } from "../test-support/make-pdf.ts";
import type { ParsedMeet } from "./format-parser.ts";
import { splashParser } from "./splash.ts";

// Positions and sizes as Splash Meet Manager 11 prints an A4 results page (points from the left).
let y = 0;
function line(items: FixtureItem[], gap = 12): FixtureLine {
  y += gap;
  return { y, items };
}
const at = (x: number, text: string, size = 10): FixtureItem => ({ x, text, size });
const pageHeader = () => {
  y = 68;
  return [
    line([at(229.5, "Invented Spring Meet 2024")]),
    line([at(219.8, "Otterton, 12th - 14th January 2024")]),
  ];
};
const footer = (page: number) => ({
  y: 800,
  items: [
    at(48, "Splash Meet Manager, 11.51721", 8),
    at(250, "Registered to Invented Club", 8),
    at(460, `14.01.2024 18:36 - Page ${page}`, 8),
  ],
});

function englishPage(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(43, "Event 1"), at(253.9, "Women, 400m Medley"), at(540.8, "Open")], 20),
    line([at(43, "12.01.2024 - 16:00"), at(530, "Results")]),
    line([at(43, "Meet Record", 8), at(198, "4:34.33", 8), at(236, "FAMOUS Someone", 8)]),
    line(
      [at(51, "Rank", 8), at(249, "YB", 8), at(445.5, "Time", 8), at(476.8, "Pts", 8), at(554.3, "RT", 8)],
      20,
    ),
    line([at(43, "Open")], 17),
    line([
      at(60.8, "1. QUILLFEATHER Ada"),
      at(249, "08"),
      at(275, "Otter Swim Club"),
      at(429.8, "4:39.28"),
      at(472.3, "867 *"),
      at(539.3, "+0.74"),
    ]),
    line(
      [
        at(86.8, "50m:", 8),
        at(121.8, "29.97", 8),
        at(159.8, "29.97", 8),
        at(199.3, "150m:", 8),
        at(232, "1:39.91", 8),
        at(277.8, "36.64", 8),
      ],
      10,
    ),
    line(
      [
        at(82.3, "100m:", 8),
        at(115, "1:03.27", 8),
        at(159.8, "33.30", 8),
        at(199.3, "200m:", 8),
        at(232, "2:16.29", 8),
        at(277.8, "36.38", 8),
      ],
      10,
    ),
    line([
      at(71, "BRIGHTWATER Nell"),
      at(249, "99"),
      at(275, "Heron Aquatics"),
      at(429.8, "4:39.28"),
      at(472.3, "867"),
      at(539.3, "+0.70"),
    ]),
    // The text layer sometimes returns the team and the time as one item.
    line([
      at(60.8, "3. KINGFISHER Mira"),
      at(249, "07"),
      at(275, "Kingfisher Aquatics Federation5:01.56"),
      at(472.3, "689 *"),
    ]),
    line([at(48, "DSQ MARSH Lotte"), at(249, "07"), at(275, "Otter Swim Club"), at(491, "*")]),
    line([at(71, "G2 - Starting before the starting signal (SW 4.4) (Time: 16:25)")]),
    line([at(45.8, "WDR FENWICK Tilly"), at(249, "06"), at(275, "Heron Aquatics")]),
    line([at(43, "Junior")], 17),
    line([
      at(60.8, "1. KINGFISHER Mira"),
      at(249, "07"),
      at(275, "Kingfisher Aquatics"),
      at(429.8, "5:01.56"),
      at(472.3, "689"),
    ]),
    footer(1),
  ];
}

function dutchAndRelayPage(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(43, "Programmanr. 2"), at(250, "Heren, 50m vrije slag"), at(480, "alg. leeftijdsgroep")], 20),
    line([at(43, "13/01/2024 - 9:21"), at(480, "Resultaten Voorronde")]),
    line(
      [
        at(60, "rang", 8),
        at(80, "naam", 8),
        at(200, "vereniging", 8),
        at(330, "intijd", 8),
        at(460, "tijd", 8),
        at(500, "RT", 8),
        at(540, "Pnt", 8),
      ],
      20,
    ),
    line([
      at(60, "1."),
      at(80, "Piet van Otter"),
      at(200, "ZPCH"),
      at(330, "25.24"),
      at(380, "199002156"),
      at(455, "25.53 A"),
      at(495, "+0,73"),
      at(540, "876"),
    ]),
    line([
      at(43, "AFGEM"),
      at(80, "Joost Beverkamp"),
      at(200, "PSV"),
      at(330, "26.23"),
      at(380, "198705224"),
    ]),
    line([at(43, "Event 3"), at(250, "Mixed, 4 x 100m Medley"), at(540.8, "Open")], 20),
    line([at(43, "14.01.2024 - 17:00"), at(520, "Results Final")]),
    line([at(51, "Rank", 8), at(445.5, "Time", 8), at(476.8, "Pts", 8), at(554.3, "RT", 8)], 20),
    line([
      at(60.8, "1. Otter Club I"),
      at(275, "Otter Swim Club"),
      at(429.8, "4:05.02"),
      at(472.3, "740"),
      at(539.3, "+0.60"),
    ]),
    // Two swimmers per line; the columns read down: left column legs 1-2, right column legs 3-4.
    line(
      [
        at(69, "BACKSTROKE Amy", 8),
        at(194.8, "+0.60", 8),
        at(230.8, "30.00", 8),
        at(272.8, "1:02.00", 8),
        at(314, "FLYER Ben", 8),
        at(441.3, "+0.20", 8),
        at(475.8, "27.00", 8),
        at(517.8, "58.00", 8),
      ],
      10,
    ),
    line(
      [
        at(69, "BREASTER Cal", 8),
        at(194.8, "+0.30", 8),
        at(230.8, "33.00", 8),
        at(272.8, "1:10.00", 8),
        at(314, "FREESTYLER Dee", 8),
        at(441.3, "+0.10", 8),
        at(475.8, "25.00", 8),
        at(517.8, "55.02", 8),
      ],
      10,
    ),
    footer(2),
  ];
}

function splitColumnsPage(): FixtureLine[] {
  return [
    ...pageHeader(),
    line([at(43, "Event 4"), at(250, "Boys, 100m Freestyle"), at(500, "17 - 18 years")], 20),
    line([at(43, "13.01.2024 - 17:12"), at(480, "Results Semifinals")]),
    line(
      [
        at(50, "Rank", 8),
        at(249, "YB", 8),
        at(330, "Time", 8),
        at(360, "Pts", 8),
        at(470, "50m", 8),
        at(520, "100m", 8),
      ],
      20,
    ),
    // Lap times under the split columns: they add up to the final time.
    line([
      at(59.8, "1."),
      at(76, "HERON Jan"),
      at(249, "06"),
      at(275, "Otter Swim Club"),
      at(320, "50.18"),
      at(358, "816"),
      at(380, "Q"),
      at(466, "24.29"),
      at(516, "25.89"),
    ]),
    line([at(43, "Event 5"), at(250, "Women, 200m Butterfly"), at(540, "Open")], 20),
    line([at(43, "14.01.2024 - 17:05"), at(480, "Results Finals")]),
    line(
      [
        at(45, "Rank", 8),
        at(178, "YB", 8),
        at(302.5, "Time", 8),
        at(364.8, "Pts", 8),
        at(403.3, "RT", 8),
        at(435, "50m", 8),
        at(468.5, "100m", 8),
        at(506.5, "150m", 8),
        at(543.5, "200m", 8),
      ],
      20,
    ),
    line([at(43, "Final A")], 17),
    // Cumulative times under the split columns, and the time glued to its mark.
    line([
      at(55.5, "1.PIPER Rosa", 9),
      at(178, "05", 9),
      at(199, "Heron Aquatics", 9),
      at(288.3, "2:09.64A *", 9),
      at(360.3, "829", 9),
      at(389.8, "+0.64", 9),
      at(426.8, "29.79", 9),
      at(457.3, "1:03.28", 9),
      at(495.3, "1:36.94", 9),
      at(532.3, "2:09.64", 9),
    ]),
    footer(3),
  ];
}

describe("splashParser", () => {
  let doc: PdfText;
  let parsed: ParsedMeet;
  beforeAll(async () => {
    const bytes = await makePdf({
      creator: "Invented PDF Writer",
      pages: [{ lines: englishPage() }, { lines: dutchAndRelayPage() }, { lines: splitColumnsPage() }],
    });
    doc = await readPdfText(bytes);
    parsed = splashParser.parse(doc);
  });

  it("recognises Splash documents by the page footer and reads the meet from headers and race dates", () => {
    expect(splashParser.detect(doc)).toBe(true);
    expect(parsed.meet).toEqual({
      name: "Invented Spring Meet 2024",
      startDate: "2024-01-12",
      endDate: "2024-01-14",
      course: null,
      venue: "Otterton",
      software: "Splash Meet Manager",
    });
  });

  it("reads ranked rows: surname-first name, two-digit year of birth, team, time, points, reaction and splits", () => {
    const ada = parsed.swims.find((s) => s.name === "QUILLFEATHER Ada")!;
    expect(ada).toMatchObject({
      firstName: "Ada",
      lastName: "QUILLFEATHER",
      birthYear: 2008,
      team: "Otter Swim Club",
      gender: "F",
      round: "timed_final",
      place: 1,
      time: "4:39.28",
      timeMs: 279_280,
      points: 867,
      reactionTime: 0.74,
      status: "OK",
    });
    expect(ada.event).toMatchObject({
      number: "1",
      distance: 400,
      stroke: "im",
      ageGroup: "Open",
      course: null,
    });
    expect(ada.splits).toEqual([
      { distance: 50, timeMs: 29_970 },
      { distance: 100, timeMs: 63_270 },
      { distance: 150, timeMs: 99_910 },
      { distance: 200, timeMs: 136_290 },
      { distance: 400, timeMs: 279_280 },
    ]);
  });

  it("gives a tie the rank above it, splits a team glued to its time, and lists age-group rankings again", () => {
    const nell = parsed.swims.find((s) => s.name === "BRIGHTWATER Nell")!;
    expect(nell).toMatchObject({ place: 1, birthYear: 1999, timeMs: 279_280 });
    const mira = parsed.swims.filter((s) => s.name === "KINGFISHER Mira");
    expect(mira.map((s) => [s.event.ageGroup, s.place, s.team, s.timeMs])).toEqual([
      ["Open", 3, "Kingfisher Aquatics Federation", 301_560],
      ["Junior", 1, "Kingfisher Aquatics", 301_560],
    ]);
  });

  it("reads status rows and the disqualification reason", () => {
    expect(parsed.swims.find((s) => s.name === "MARSH Lotte")).toMatchObject({
      status: "DQ",
      place: null,
      timeMs: null,
      birthYear: 2007,
      dqReason: "G2 - Starting before the starting signal (SW 4.4) (Time: 16:25)",
    });
    expect(parsed.swims.find((s) => s.name === "FENWICK Tilly")).toMatchObject({
      status: "SCR",
      team: "Heron Aquatics",
    });
  });

  it("reads Dutch titles and rounds, entry times and the withdrawn (AFGEM) rows", () => {
    const piet = parsed.swims.find((s) => s.name === "Piet van Otter")!;
    expect(piet).toMatchObject({
      firstName: null,
      lastName: null,
      team: "ZPCH",
      round: "prelim",
      place: 1,
      time: "25.53",
      seedTime: "25.24",
      reactionTime: 0.73,
      points: 876,
      gender: "M",
      event: { number: "2", distance: 50, stroke: "free", ageGroup: "alg. leeftijdsgroep" },
    });
    expect(parsed.swims.find((s) => s.name === "Joost Beverkamp")).toMatchObject({
      status: "SCR",
      timeMs: null,
    });
  });

  it("reads relay teams and orders two-column legs down each column", () => {
    const relay = parsed.swims.find((s) => s.event.relay)!;
    expect(relay).toMatchObject({
      name: "Otter Club I",
      team: "Otter Swim Club",
      round: "final",
      place: 1,
      timeMs: 245_020,
      event: { number: "3", distance: 400, stroke: "medley_relay", gender: "X" },
    });
    expect(relay.relayLegs).toEqual([
      { name: "BACKSTROKE Amy", order: 1, timeMs: 62_000 },
      { name: "BREASTER Cal", order: 2, timeMs: 70_000 },
      { name: "FLYER Ben", order: 3, timeMs: 58_000 },
      { name: "FREESTYLER Dee", order: 4, timeMs: 55_020 },
    ]);
    expect(relay.splits.map((s) => s.timeMs)).toEqual([62_000, 132_000, 190_000, 245_020]);
  });

  it("reads split columns as laps or as cumulative times, whichever the row prints", () => {
    expect(parsed.swims.find((s) => s.name === "HERON Jan")).toMatchObject({
      round: "semi",
      place: 1,
      timeMs: 50_180,
      points: 816,
      splits: [
        { distance: 50, timeMs: 24_290 },
        { distance: 100, timeMs: 50_180 },
      ],
    });
    expect(parsed.swims.find((s) => s.name === "PIPER Rosa")).toMatchObject({
      round: "final",
      team: "Heron Aquatics",
      timeMs: 129_640,
      points: 829,
      reactionTime: 0.64,
      splits: [
        { distance: 50, timeMs: 29_790 },
        { distance: 100, timeMs: 63_280 },
        { distance: 150, timeMs: 96_940 },
        { distance: 200, timeMs: 129_640 },
      ],
    });
    expect(parsed.swims).toHaveLength(11);
  });
});

// Rows as Splash prints them when a long team name runs into the next cells: the text layer returns the team,
// the time (and sometimes the points) as one item, or a whole status row as one item.
function gluedCellsPage(): FixtureLine[] {
  const header = () =>
    line(
      [
        at(45, "Rank", 8),
        at(178, "YB", 8),
        at(302.5, "Time", 8),
        at(364.8, "Pts", 8),
        at(403.3, "RT", 8),
        at(435, "50m", 8),
        at(468.5, "100m", 8),
        at(506.5, "150m", 8),
        at(543.5, "200m", 8),
      ],
      20,
    );
  const splits = (times: string[]) => times.map((t, i) => at([426.8, 457.3, 495.3, 532.3][i]!, t, 9));
  return [
    ...pageHeader(),
    line([at(43, "Event 6"), at(253.9, "Men, 200m Breaststroke"), at(540.8, "Open")], 20),
    line([at(43, "14.01.2024 - 9:30"), at(520, "Results Prelim")]),
    header(),
    line([at(43, "Open")], 17),
    line([
      at(50.3, "1.OTTERLEY Sam", 9),
      at(178, "05", 9),
      at(199, "Heron Aquatics", 9),
      at(288.3, "2:20.11", 9),
      at(360.3, "600", 9),
      at(389.8, "+0.70", 9),
      ...splits(["31.90", "1:08.00", "1:44.20", "2:20.11"]),
    ]),
    line([
      at(50.3, "2.BRAMBLEWOOD Finn", 9),
      at(178, "04", 9),
      at(199, "Northern Lakes Swimming Federation2:32.55", 9),
      at(360.3, "417", 9),
      at(389.8, "+0.57", 9),
      ...splits(["33.39", "1:13.26", "1:53.18", "2:32.55"]),
    ]),
    line([
      at(50.3, "3.ASHGROVE Leo", 9),
      at(178, "03", 9),
      at(199, "Otter Valley Swimming Club2:40.18402", 9),
      at(389.8, "+0.65", 9),
      ...splits(["35.79", "1:17.87", "1:59.95", "2:40.18"]),
    ]),
    line([at(43.5, "DNSWILLOWMERE Jon91Otter Valley Swimming Club", 9)]),
    line([at(41.3, "WDRFENN Ola", 9), at(178, "99", 9), at(199, "Heron Aquatics", 9)]),
    line([at(43, "Youth")], 17),
    line([
      at(50.3, "1.HAZEL Tom", 9),
      at(178, "07", 9),
      at(199, "Heron Aquatics", 9),
      at(288.3, "2:25.40", 9),
      at(360.3, "540", 9),
      at(389.8, "+0.66", 9),
    ]),
    line([
      at(45, "EXHRIVERSTONE Kit 07", 9),
      at(199, "Heron Aquatics", 9),
      at(288.3, "2:27.86", 9),
      at(360.3, "520", 9),
      at(389.8, "+0.72", 9),
      ...splits(["33.57", "1:11.76", "1:50.55", "2:27.86"]),
    ]),
    line([
      at(45, "EXH ROWAN Pip", 9),
      at(178, "06", 9),
      at(199, "Heron Aquatics", 9),
      at(288.3, "2:31.02", 9),
      at(360.3, "470", 9),
      at(389.8, "+0.81", 9),
    ]),
    footer(4),
  ];
}

describe("splashParser on glued cells", () => {
  let parsed: ParsedMeet;
  beforeAll(async () => {
    const bytes = await makePdf({ creator: "Splash Meet Manager 11", pages: [{ lines: gluedCellsPage() }] });
    parsed = splashParser.parse(await readPdfText(bytes));
  });
  const swim = (name: string) => parsed.swims.find((s) => s.name === name);

  it("takes a time glued to a long team name as the row's time, wherever its estimated place falls", () => {
    expect(swim("BRAMBLEWOOD Finn")).toMatchObject({
      status: "OK",
      place: 2,
      time: "2:32.55",
      timeMs: 152_550,
      team: "Northern Lakes Swimming Federation",
      points: 417,
      splits: [
        { distance: 50, timeMs: 33_390 },
        { distance: 100, timeMs: 73_260 },
        { distance: 150, timeMs: 113_180 },
        { distance: 200, timeMs: 152_550 },
      ],
    });
    expect(swim("ASHGROVE Leo")).toMatchObject({
      status: "OK",
      place: 3,
      time: "2:40.18",
      team: "Otter Valley Swimming Club",
      points: 402,
    });
  });

  it("reads a status row printed as one item as a swim, not as an age-group heading", () => {
    expect(swim("WILLOWMERE Jon")).toMatchObject({
      status: "DNS",
      birthYear: 1991,
      team: "Otter Valley Swimming Club",
      event: { ageGroup: "Open" },
    });
    expect(swim("FENN Ola")).toMatchObject({ status: "SCR", event: { ageGroup: "Open" } });
  });

  it("keeps an exhibition swim's time, gives it no rank and splits the glued EXH code off the name", () => {
    expect(swim("RIVERSTONE Kit")).toMatchObject({
      status: "EXH",
      place: null,
      time: "2:27.86",
      timeMs: 147_860,
      birthYear: 2007,
      points: 520,
      event: { ageGroup: "Youth" },
    });
    expect(swim("ROWAN Pip")).toMatchObject({ status: "EXH", place: null, time: "2:31.02", timeMs: 151_020 });
    expect(swim("HAZEL Tom")).toMatchObject({ place: 1, event: { ageGroup: "Youth" } });
    expect(parsed.swims).toHaveLength(8);
  });
});
