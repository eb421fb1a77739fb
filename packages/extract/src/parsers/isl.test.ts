import { describe, expect, it } from "vitest";
import { islParser } from "./isl.ts";
import { olympicParser } from "./olympic.ts";
import { omegaParser } from "./omega.ts";
import { orisDoc, type Row } from "./oris-test-fixture.ts";

// Layouts copied from International Swimming League match sheets; names and clubs are invented.
const matchHeader: Row[] = [
  [30, [130, "2020 ISL Preliminaries"]],
  [42, [180, "Lakeside (ZZZ) - Match 9"]],
  [54, [180, "October 16 - 17"]],
];

const backstroke200: Row[] = [
  ...matchHeader,
  [68, [30, "16 OCT 2020 - 16:12"], [220, "Women's 200m Backstroke"]],
  [80, [180, "Results"]],
  [96, [270, "Club"], [560, "Club"]],
  [
    102,
    [45, "Rank", "r"],
    [76, "Lane", "r"],
    [84, "Name"],
    [335, "R.T.", "r"],
    [377, "50m", "r"],
    [427, "100m", "r"],
    [475, "150m", "r"],
    [521, "Time", "r"],
  ],
  [108, [270, "Code"], [575, "points", "r"]],
  [
    122,
    [45, "1", "r"],
    [76, "4", "r"],
    [84, "FERNWOOD Ivy"],
    [270, "OTR"],
    [335, "0.68", "r"],
    [377, "(1) 28.89", "r"],
    [427, "(1) 1:00.34", "r"],
    [475, "(1) 1:31.99", "r"],
    [521, "2:02.70", "r"],
    [575, "15.0", "r"],
  ],
  [130, [210, "31.45"], [475, "31.65", "r"], [521, "30.71", "r"]],
  [
    142,
    [45, "2", "r"],
    [76, "5", "r"],
    [84, "MARLOW-DEAN Tessa"],
    [270, "KRK"],
    [335, "0.71", "r"],
    [377, "(2) 29.32", "r"],
    [427, "(2) 1:00.88", "r"],
    [475, "(2) 1:32.53", "r"],
    [521, "2:02.99", "r"],
    [528, "+0.29"],
    [575, "7.0", "r"],
  ],
  [150, [210, "31.56"], [475, "31.65", "r"], [521, "30.46", "r"]],
  [162, [76, "1", "r"], [84, "PEBBLE Nora"], [270, "KRK"], [470, "DSQ"], [575, "-2.0", "r"]],
  [176, [30, "Legend:"]],
  [
    700,
    [30, "SWMW200MBA------------FNL-000100--_73A1 1"],
    [220, "Report Created 17 OCT 22:13"],
    [500, "Page 1/1"],
  ],
];

const skins: Row[] = [
  ...matchHeader,
  [68, [30, "17 OCT 2020 - 21:45"], [220, "Women's 50m Breaststroke Skins"]],
  [80, [180, "Results"]],
  [94, [50, "Round 1"]],
  [
    106,
    [81, "Rank", "r"],
    [106, "Lane", "r"],
    [114, "Name"],
    [250, "Club Code"],
    [355, "R.T.", "r"],
    [400, "Time", "r"],
    [480, "Club points"],
  ],
  [
    118,
    [81, "1", "r"],
    [106, "3", "r"],
    [114, "FERNWOOD Ivy"],
    [250, "OTR"],
    [355, "0.67", "r"],
    [400, "29.16", "r"],
    [521, "15.0", "r"],
    [535, "Q"],
  ],
  [
    128,
    [81, "2", "r"],
    [106, "5", "r"],
    [114, "GALE Rosa"],
    [250, "KRK"],
    [355, "0.69", "r"],
    [400, "29.42", "r"],
    [415, "+0.26"],
    [521, "7.0", "r"],
    [535, "Q"],
  ],
  [140, [50, "Final"]],
  [
    152,
    [81, "Rank", "r"],
    [106, "Lane", "r"],
    [114, "Name"],
    [250, "Club Code"],
    [355, "R.T.", "r"],
    [400, "Time", "r"],
    [480, "Club points"],
  ],
  [
    164,
    [81, "1", "r"],
    [106, "4", "r"],
    [114, "FERNWOOD Ivy"],
    [250, "OTR"],
    [355, "0.66", "r"],
    [400, "28.90", "r"],
    [521, "21.0", "r"],
  ],
  [
    174,
    [81, "2", "r"],
    [106, "5", "r"],
    [114, "GALE Rosa"],
    [250, "KRK"],
    [355, "0.70", "r"],
    [400, "30.78", "r"],
    [415, "+1.88"],
    [521, "-", "r"],
  ],
  [
    700,
    [30, "SWMW50MSK-------------FNL---------_73A2 3"],
    [220, "Report Created 17 OCT 21:46"],
    [500, "Page 1/1"],
  ],
];

describe("islParser", () => {
  it("claims ISL sheets only", async () => {
    const doc = await orisDoc([backstroke200]);
    expect(islParser.detect(doc)).toBe(true);
    expect(omegaParser.detect(doc)).toBe(false);
    expect(olympicParser.detect(doc)).toBe(false);
  });

  it("reads club codes, split columns, club points and a DSQ with its penalty", async () => {
    const { meet, swims } = islParser.parse(await orisDoc([backstroke200]));
    expect(meet).toMatchObject({ name: "2020 ISL Preliminaries", startDate: "2020-10-16", course: null });
    expect(swims).toHaveLength(3);
    expect(swims[0]).toMatchObject({
      name: "FERNWOOD Ivy",
      team: "OTR",
      place: 1,
      lane: 4,
      time: "2:02.70",
      points: 15,
      reactionTime: 0.68,
      round: "final",
      event: { distance: 200, stroke: "back", gender: "F", relay: false },
      splits: [
        { distance: 50, timeMs: 28_890 },
        { distance: 100, timeMs: 60_340 },
        { distance: 150, timeMs: 91_990 },
        { distance: 200, timeMs: 122_700 },
      ],
    });
    expect(swims[1]).toMatchObject({ lastName: "MARLOW-DEAN", firstName: "Tessa", points: 7, place: 2 });
    expect(swims[2]).toMatchObject({ name: "PEBBLE Nora", status: "DQ", place: null, lane: 1, points: -2 });
  });

  it("gives each skins round on a page its own round", async () => {
    const { swims } = islParser.parse(await orisDoc([skins]));
    expect(swims.map((s) => [s.name, s.round, s.roundLabel, s.time, s.points])).toEqual([
      ["FERNWOOD Ivy", "prelim", "Skins Round 1", "29.16", 15],
      ["GALE Rosa", "prelim", "Skins Round 1", "29.42", 7],
      ["FERNWOOD Ivy", "final", "Skins Final", "28.90", 21],
      ["GALE Rosa", "final", "Skins Final", "30.78", null],
    ]);
    expect(swims[0]?.event).toMatchObject({ distance: 50, stroke: "breast" });
  });
});
