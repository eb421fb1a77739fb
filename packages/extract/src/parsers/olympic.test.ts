import { describe, expect, it } from "vitest";
import { islParser } from "./isl.ts";
import { olympicParser } from "./olympic.ts";
import { omegaParser } from "./omega.ts";
import { orisDoc, type Row } from "./oris-test-fixture.ts";

// Layouts copied from Tokyo 2020 Olympic and Paralympic result sheets; every name is invented.
const venue: Row[] = [
  [30, [80, "Tokyo Aquatics Centre"], [420, "Swimming"]],
  [42, [100, "Centre aquatique de Tokyo"]],
];

const paraHeats: Row[] = [
  ...venue,
  [56, [150, "Men's 50m Freestyle - S11"]],
  [70, [80, "FRI 27 AUG 2021"]],
  [82, [100, "Start Time 9:29"], [420, "Heats"]],
  [94, [150, "Results"]],
  [106, [150, "EVENT NO.      37"]],
  [120, [30, "Heat 1 of 2"]],
  [132, [150, "Sport"], [270, "NPC"], [500, "Time", "r"]],
  [138, [52, "Rank", "r"], [78, "Lane", "r"], [86, "Name"], [367, "R.T.", "r"], [415, "Time", "r"]],
  [144, [150, "Class"], [270, "Code"], [500, "Behind", "r"]],
  [
    156,
    [52, "1", "r"],
    [78, "4", "r"],
    [86, "ASHDOWN Felix"],
    [200, "S11"],
    [270, "ZZA"],
    [367, "0.69", "r"],
    [415, "26.47", "r"],
  ],
  [
    166,
    [52, "2", "r"],
    [78, "6", "r"],
    [86, "OAKHEART RIVERS Tomas Juan"],
    [200, "S11"],
    [270, "ZZB"],
    [367, "0.77", "r"],
    [415, "27.17", "r"],
    [500, "0.70", "r"],
  ],
  [
    174,
    [52, "3", "r"],
    [78, "2", "r"],
    [86, "VALLEJO MONTES Juan JoseS11"],
    [270, "ZZE"],
    [367, "0.58", "r"],
    [415, "27.19", "r"],
    [500, "0.72", "r"],
  ],
  [184, [30, "Heat 2 of 2"]],
  [192, [150, "Sport"], [270, "NPC"], [500, "Time", "r"]],
  [198, [52, "Rank", "r"], [78, "Lane", "r"], [86, "Name"], [367, "R.T.", "r"], [415, "Time", "r"]],
  [204, [150, "Class"], [270, "Code"], [500, "Behind", "r"]],
  [
    216,
    [52, "1", "r"],
    [78, "5", "r"],
    [86, "di LINDEN Marco"],
    [200, "S11"],
    [270, "ZZC"],
    [367, "0.61", "r"],
    [415, "26.16", "r"],
  ],
  [226, [78, "2", "r"], [86, "BRISK Olaf"], [200, "S11"], [270, "ZZD"], [405, "DNS"]],
  [240, [30, "Legend:"]],
  [
    700,
    [40, "SWMM50MFR---11010-----HEAT--------_73A2 1"],
    [250, "Report created FRI 27 AUG 2021 9:36"],
    [500, "Page 1/1"],
  ],
];

const mixedRelay: Row[] = [
  ...venue,
  [56, [150, "Mixed 4x100m Freestyle Relay - 49 Points"]],
  [70, [80, "TUE 31 AUG 2021"]],
  [82, [100, "Start Time 19:34"], [420, "Final"]],
  [94, [150, "Results"]],
  [106, [150, "EVENT NO.     100"]],
  [120, [150, "Sport"], [500, "Time", "r"]],
  [
    126,
    [110, "Rank", "r"],
    [140, "Lane", "r"],
    [148, "NPC / Name"],
    [250, "Gender"],
    [342, "R.T.", "r"],
    [384, "50m", "r"],
    [432, "100m", "r"],
    [490, "Time", "r"],
  ],
  [132, [150, "Class"], [500, "Behind", "r"]],
  [146, [110, "1", "r"], [140, "3", "r"], [148, "ZZA - Zembla"], [490, "3:53.79", "r"], [520, "PR"]],
  [
    155,
    [150, "ASHDOWN Felix"],
    [262, "M"],
    [275, "S11"],
    [342, "0.71", "r"],
    [384, "28.78", "r"],
    [432, "1:01.68", "r"],
    [490, "(5) 1:01.68", "r"],
  ],
  [
    164,
    [150, "CORAL Anna"],
    [262, "F"],
    [275, "S13"],
    [342, "0.23", "r"],
    [384, "27.82", "r"],
    [432, "58.60", "r"],
    [490, "(3) 2:00.28", "r"],
  ],
  [
    173,
    [150, "PINE Daria"],
    [262, "F"],
    [275, "S12"],
    [342, "0.52", "r"],
    [384, "28.42", "r"],
    [432, "59.06", "r"],
    [490, "(2) 2:59.34", "r"],
  ],
  [
    182,
    [150, "SORREL Vlad"],
    [262, "M"],
    [275, "S13"],
    [342, "0.46", "r"],
    [384, "26.04", "r"],
    [432, "54.45", "r"],
    [490, "(1) 3:53.79", "r"],
  ],
  [196, [30, "Legend:"]],
  [
    700,
    [40, "SWMX4X100MFR13033-----FNL-000100--_73B1 2"],
    [250, "Report created TUE 31 AUG 2021 21:13"],
    [500, "Page 1/1"],
  ],
];

describe("olympicParser", () => {
  it("claims Games sheets only", async () => {
    const doc = await orisDoc([paraHeats]);
    expect(olympicParser.detect(doc)).toBe(true);
    expect(islParser.detect(doc)).toBe(false);
    expect(omegaParser.detect(doc)).toBe(false);
  });

  it("reads para heats: the class as age group, heats from 'Heat n of m', a DNS", async () => {
    const { meet, swims } = olympicParser.parse(await orisDoc([paraHeats]));
    expect(meet).toMatchObject({
      name: "Tokyo 2020 Paralympic Games",
      venue: "Tokyo Aquatics Centre",
      startDate: "2021-08-27",
    });
    expect(swims.map((s) => [s.name, s.heat, s.place, s.time, s.status])).toEqual([
      ["ASHDOWN Felix", 1, 1, "26.47", "OK"],
      ["OAKHEART RIVERS Tomas Juan", 1, 2, "27.17", "OK"],
      ["VALLEJO MONTES Juan Jose", 1, 3, "27.19", "OK"],
      ["di LINDEN Marco", 2, 1, "26.16", "OK"],
      ["BRISK Olaf", 2, null, null, "DNS"],
    ]);
    expect(swims[0]).toMatchObject({
      team: "ZZA",
      reactionTime: 0.69,
      round: "prelim",
      splits: [{ distance: 50, timeMs: 26_470 }],
      event: { number: "37", distance: 50, stroke: "free", ageGroup: "S11", gender: "M" },
    });
    expect(swims[1]).toMatchObject({ lastName: "OAKHEART RIVERS", firstName: "Tomas Juan" });
    // A long name printed into the class column fuses with the class ("…JoseS11").
    expect(swims[2]).toMatchObject({ firstName: "Juan Jose", team: "ZZE" });
    expect(swims[3]).toMatchObject({ lastName: "di LINDEN", firstName: "Marco" });
  });

  it("reads mixed relays with legs, leg times and cumulative splits", async () => {
    const { swims } = olympicParser.parse(await orisDoc([mixedRelay]));
    expect(swims).toHaveLength(1);
    const [team] = swims;
    expect(team).toMatchObject({
      name: "ZZA - Zembla",
      team: "ZZA",
      gender: "X",
      round: "final",
      place: 1,
      lane: 3,
      time: "3:53.79",
      event: {
        number: "100",
        distance: 400,
        stroke: "free_relay",
        relay: true,
        gender: "X",
        ageGroup: "49 Points",
      },
    });
    expect(team?.relayLegs.map((leg) => [leg.name, leg.order, leg.timeMs])).toEqual([
      ["ASHDOWN Felix", 1, 61_680],
      ["CORAL Anna", 2, 58_600],
      ["PINE Daria", 3, 59_060],
      ["SORREL Vlad", 4, 54_450],
    ]);
    expect(team?.splits).toEqual([
      { distance: 50, timeMs: 28_780 },
      { distance: 100, timeMs: 61_680 },
      { distance: 150, timeMs: 89_500 },
      { distance: 200, timeMs: 120_280 },
      { distance: 250, timeMs: 148_700 },
      { distance: 300, timeMs: 179_340 },
      { distance: 350, timeMs: 205_380 },
      { distance: 400, timeMs: 233_790 },
    ]);
  });
});
