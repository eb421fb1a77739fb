import { describe, expect, it } from "vitest";
import { extractFromText } from "../extract-meet.ts";
import { islParser } from "./isl.ts";
import { olympicParser } from "./olympic.ts";
import { omegaParser } from "./omega.ts";
import { type Cell, orisDoc, type Row } from "./oris-test-fixture.ts";

// Layouts copied from ISL match sheets, Omega championship books and Tokyo 2020 sheets; every name is invented.

interface Result {
  rank: string;
  lane: string;
  name: string;
  club: string;
  time: string;
}

interface SheetPage {
  header: Row[];
  session: string;
  title: string;
  /** The round words printed right of the title ("Round 2", "Heats Swim-off"), if any. */
  roundWords?: string;
  code: string;
  results: Result[];
}

const islHeader: Row[] = [
  [30, [130, "2020 ISL Preliminaries"]],
  [42, [180, "Lakeside (ZZZ) - Match 9"]],
  [54, [180, "October 16 - 17"]],
];

const omegaHeader: Row[] = [
  [30, [130, "19th Lakeside Aquatics Championships"]],
  [42, [180, "Lakeside (ZZZ)"]],
  [54, [180, "18 - 25 June 2022"]],
];

/** One results page in the single-table layout: date and title on one line, rank, lane, name, club, time. */
function sheet(page: SheetPage): Row[] {
  const body: Row[] = page.results.map((result, index) => [
    118 + index * 10,
    [81, result.rank, "r"],
    [106, result.lane, "r"],
    [114, result.name],
    [250, result.club],
    [355, "0.67", "r"],
    [400, result.time, "r"],
  ]);
  const titleCells: Cell[] = [
    [30, page.session],
    [220, page.title],
    ...(page.roundWords ? [[480, page.roundWords] satisfies Cell] : []),
  ];
  return [
    ...page.header,
    [68, ...titleCells],
    [80, [180, "Results"]],
    [
      106,
      [81, "Rank", "r"],
      [106, "Lane", "r"],
      [114, "Name"],
      [250, "Club Code"],
      [355, "R.T.", "r"],
      [400, "Time", "r"],
    ],
    ...body,
    [118 + body.length * 10 + 12, [30, "Legend:"]],
    [700, [30, page.code], [220, "Report Created 17 OCT 22:13"], [500, "Page 1/1"]],
  ];
}

const result = (rank: string, lane: string, name: string, club: string, time: string): Result => ({
  rank,
  lane,
  name,
  club,
  time,
});

// Two days of a match; a kick event the parser has no stroke for sits between two normal events.
const backstrokeDayOne = sheet({
  header: islHeader,
  session: "16 OCT 2020 - 16:12",
  title: "Women's 100m Backstroke",
  code: "SWMW100MBA------------FNL-000100--_73A1 1",
  results: [
    result("1", "4", "FERNWOOD Ivy", "OTR", "56.41"),
    result("=2", "5", "MARLOW-DEAN Tessa", "KRK", "57.02"),
    result("=2", "3", "GALE Rosa", "KRK", "57.02"),
  ],
});
const kickDayTwo = sheet({
  header: islHeader,
  session: "17 OCT 2020 - 20:05",
  title: "Women's 50m Freestyle Kick",
  code: "SWMW50MFR-------------FNL-000100--_73A1 1",
  results: [
    result("1", "4", "PEBBLE Nora", "OTR", "31.50"),
    result("2", "5", "FERNWOOD Ivy", "OTR", "32.10"),
  ],
});
const butterflyDayTwo = sheet({
  header: islHeader,
  session: "17 OCT 2020 - 20:12",
  title: "Women's 100m Butterfly",
  code: "SWMW100MBF------------FNL-000100--_73A1 1",
  results: [
    result("1", "4", "GALE Rosa", "KRK", "1:01.35"),
    result("2", "5", "FERNWOOD Ivy", "OTR", "1:02.08"),
  ],
});
// A results table under a title that names no distance: nothing can say which event it is.
const teamRaceDayTwo = sheet({
  header: islHeader,
  session: "17 OCT 2020 - 20:30",
  title: "Team Sprint Challenge",
  code: "SWMW------------------FNL-000100--_73A1 1",
  results: [result("1", "4", "PEBBLE Nora", "OTR", "25.50")],
});

describe("ORIS sheets: dates, ties and events the parser cannot map", () => {
  it("dates each swim from its page, marks shared ranks as ties, and keeps an unknown event apart", async () => {
    const doc = await orisDoc([backstrokeDayOne, kickDayTwo, teamRaceDayTwo, butterflyDayTwo]);
    const { meet, swims, warnings } = islParser.parse(doc);
    expect(meet).toMatchObject({ startDate: "2020-10-16", endDate: "2020-10-17" });
    expect(
      swims.map((s) => [s.name, s.event.name, s.event.stroke, s.event.distance, s.date, s.place, s.tie]),
    ).toEqual([
      ["FERNWOOD Ivy", "Women's 100m Backstroke", "back", 100, "2020-10-16", 1, false],
      ["MARLOW-DEAN Tessa", "Women's 100m Backstroke", "back", 100, "2020-10-16", 2, true],
      ["GALE Rosa", "Women's 100m Backstroke", "back", 100, "2020-10-16", 2, true],
      ["PEBBLE Nora", "Women's 50m Freestyle Kick", "other", 50, "2020-10-17", 1, false],
      ["FERNWOOD Ivy", "Women's 50m Freestyle Kick", "other", 50, "2020-10-17", 2, false],
      ["GALE Rosa", "Women's 100m Butterfly", "fly", 100, "2020-10-17", 1, false],
      ["FERNWOOD Ivy", "Women's 100m Butterfly", "fly", 100, "2020-10-17", 2, false],
    ]);
    expect(warnings).toEqual(["Page 3: a results table whose event title could not be read was skipped."]);
  });

  it("hands canonical and printed times, ties and dates through extractFromText", async () => {
    const doc = await orisDoc([backstrokeDayOne, kickDayTwo, butterflyDayTwo]);
    const { swims } = extractFromText(doc, { validate: true });
    const tied = swims.find((s) => s.name === "GALE Rosa" && s.event.stroke === "back");
    expect(tied).toMatchObject({
      place: 2,
      tie: true,
      time: "57.02",
      timeAsPrinted: "57.02",
      date: "2020-10-16",
      dateIsMeetStart: false,
      roundLabel: null,
    });
    const fly = swims.find((s) => s.name === "GALE Rosa" && s.event.stroke === "fly");
    expect(fly).toMatchObject({ time: "1:01.35", timeMs: 61_350, date: "2020-10-17", tie: false });
    expect(swims.find((s) => s.event.stroke === "other")?.event).toMatchObject({
      name: "Women's 50m Freestyle Kick",
      distance: 50,
      course: "SCM",
    });
  });
});

// The three skins rounds of one event: the 2020 sheets print no round words on the first round.
const skinsRound = (roundWords: string | undefined, phase: string, times: [string, string]): Row[] =>
  sheet({
    header: islHeader,
    session: "17 OCT 2020 - 21:39",
    title: "Women's 50m Breaststroke Skins",
    ...(roundWords ? { roundWords } : {}),
    code: `SWMW50MSK-------------${phase}000100--_73A1 1`,
    results: [
      result("1", "4", "FERNWOOD Ivy", "OTR", times[0]),
      result("2", "5", "GALE Rosa", "KRK", times[1]),
    ],
  });

describe("ORIS sheets: round labels", () => {
  it("labels each ISL skins round, so two 50m breaststroke finals are not one swim", async () => {
    const doc = await orisDoc([
      skinsRound(undefined, "QFNL", ["29.16", "29.42"]),
      skinsRound("Round 2", "SFNL", ["29.25", "29.66"]),
      skinsRound("Final", "FNL-", ["28.90", "30.78"]),
    ]);
    const { swims } = islParser.parse(doc);
    expect(
      swims.filter((s) => s.name === "FERNWOOD Ivy").map((s) => [s.round, s.roundLabel, s.time]),
    ).toEqual([
      ["prelim", "Skins Round 1", "29.16"],
      ["semi", "Skins Round 2", "29.25"],
      ["final", "Skins Final", "28.90"],
    ]);
    expect(swims[0]?.event).toMatchObject({
      name: "Women's 50m Breaststroke Skins",
      stroke: "breast",
      distance: 50,
    });
  });

  it("labels swim-offs from the printed words, or from the report code where none are printed", async () => {
    const printed = sheet({
      header: omegaHeader,
      session: "18 JUN 2022 - 12:25",
      title: "Men's 100m Breaststroke",
      roundWords: "Heats Swim-off",
      code: "SWMM100MBR------------HEAT0000RR--_73A2 1",
      results: [
        result("1", "4", "ASHDOWN Felix", "ZZA", "59.80"),
        result("2", "5", "BRISK Olaf", "ZZB", "1:00.02"),
      ],
    });
    const unprinted = sheet({
      header: omegaHeader,
      session: "21 JUN 2022 - 20:20",
      title: "Women's 50m Backstroke",
      code: "SWMW50MBA-------------SFNL0001RR--_73A1 1",
      results: [
        result("1", "4", "CORAL Anna", "ZZC", "27.41"),
        result("2", "5", "PINE Daria", "ZZD", "27.77"),
      ],
    });
    const withTimekeeper = (rows: Row[]): Row[] => [...rows, [690, [180, "Official Timekeeping by Omega"]]];
    const doc = await orisDoc([withTimekeeper(printed), withTimekeeper(unprinted)]);
    expect(omegaParser.detect(doc)).toBe(true);
    const { swims } = omegaParser.parse(doc);
    expect(swims.map((s) => [s.name, s.round, s.roundLabel, s.date, s.event.name])).toEqual([
      ["ASHDOWN Felix", "swimoff", "Heats Swim-off", "2022-06-18", "Men's 100m Breaststroke"],
      ["BRISK Olaf", "swimoff", "Heats Swim-off", "2022-06-18", "Men's 100m Breaststroke"],
      ["CORAL Anna", "swimoff", "Semifinals Swim-off", "2022-06-21", "Women's 50m Backstroke"],
      ["PINE Daria", "swimoff", "Semifinals Swim-off", "2022-06-21", "Women's 50m Backstroke"],
    ]);
  });
});

// A Games mixed medley relay: each swimmer's own leg printed under the team, the team's time on the right.
const mixedMedley: Row[] = [
  [30, [80, "Tokyo Aquatics Centre"], [420, "Swimming"]],
  [42, [100, "Centre aquatique de Tokyo"]],
  [56, [150, "Mixed 4 x 100m Medley Relay"]],
  [70, [80, "SAT 31 JUL 2021"]],
  [82, [100, "Start Time 11:43"], [420, "Final"]],
  [94, [150, "Results"]],
  [106, [150, "Event Number 16"]],
  [120, [150, "Time", "r"]],
  [
    126,
    [110, "Rank", "r"],
    [140, "Lane", "r"],
    [148, "NOC / Name"],
    [342, "R.T.", "r"],
    [384, "50m", "r"],
    [432, "100m", "r"],
    [490, "Time", "r"],
  ],
  [132, [150, "Behind"]],
  [146, [110, "1", "r"], [140, "4", "r"], [148, "ZZA - Zembla"], [490, "3:38.95", "r"]],
  [
    155,
    [150, "ASHDOWN Felix"],
    [342, "0.55", "r"],
    [384, "25.91", "r"],
    [432, "53.12", "r"],
    [490, "(2) 53.12", "r"],
  ],
  [
    164,
    [150, "BRISK Olaf"],
    [342, "0.22", "r"],
    [384, "26.80", "r"],
    [432, "57.95", "r"],
    [490, "(1) 1:51.07", "r"],
  ],
  [
    173,
    [150, "CORAL Anna"],
    [342, "0.31", "r"],
    [384, "26.22", "r"],
    [432, "56.40", "r"],
    [490, "(1) 2:47.47", "r"],
  ],
  [
    182,
    [150, "PINE Daria"],
    [342, "0.19", "r"],
    [384, "25.10", "r"],
    [432, "51.48", "r"],
    [490, "(1) 3:38.95", "r"],
  ],
  [196, [30, "Legend:"]],
  [700, [40, "SWMX4X100MMD----------FNL-000100--_73B1 2"], [250, "Report created SAT 31 JUL 2021 12:10"]],
];

describe("ORIS sheets: relays", () => {
  it("keeps 'Mixed' in the event name, gender X, and each swimmer's own leg time", async () => {
    const doc = await orisDoc([mixedMedley]);
    const { swims } = extractFromText(doc, { parsers: [olympicParser], validate: true });
    expect(swims).toHaveLength(1);
    const [team] = swims;
    expect(team).toMatchObject({
      name: "ZZA - Zembla",
      gender: "X",
      date: "2021-07-31",
      time: "3:38.95",
      event: {
        name: "Mixed 4 x 100m Medley Relay",
        gender: "X",
        stroke: "medley_relay",
        distance: 400,
        relay: true,
      },
    });
    expect(team?.relayLegs.map((leg) => [leg.order, leg.name, leg.timeMs, leg.time])).toEqual([
      [1, "ASHDOWN Felix", 53_120, "53.12"],
      [2, "BRISK Olaf", 57_950, "57.95"],
      [3, "CORAL Anna", 56_400, "56.40"],
      [4, "PINE Daria", 51_480, "51.48"],
    ]);
    expect(team?.splits.map((split) => [split.distance, split.time])).toEqual([
      [50, "25.91"],
      [100, "53.12"],
      [150, "1:19.92"],
      [200, "1:51.07"],
      [250, "2:17.29"],
      [300, "2:47.47"],
      [350, "3:12.57"],
      [400, "3:38.95"],
    ]);
  });
});
