import { describe, expect, it } from "vitest";
import { islParser } from "./isl.ts";
import { olympicParser } from "./olympic.ts";
import { omegaParser } from "./omega.ts";
import { orisDoc, type Row } from "./oris-test-fixture.ts";

// Layouts copied from US Olympic Trials and world-championship sheets; every name is invented.
const trialsHeader: Row[] = [
  [30, [90, "2020 Invented Team Trials - Wave III"]],
  [42, [150, "Springfield"]],
  [54, [150, "June 13 - 20"]],
  [66, [100, "13 JUN 2021 - 10:00"]],
  [80, [20, "Event 1"], [110, "AM"], [200, "Men's 400m Individual Medley"], [480, "Heats"]],
  [92, [150, "Results Summary"]],
  [104, [150, "Event Number 1"]],
  [120, [291, "Club"], [358, "Year of"], [552, "Time", "r"]],
  [
    126,
    [52, "Rank", "r"],
    [79, "Heat", "r"],
    [111, "Lane", "r"],
    [119, "Name"],
    [447, "R.T.", "r"],
    [510, "Time", "r"],
  ],
  [132, [291, "Code"], [386, "Birth", "r"], [552, "Behind", "r"]],
];

const labelledSplits = (y: number, cumulative: string[]): Row => [
  y,
  ...cumulative.map((time, i) => [43 + i * 62, `${(i + 1) * 50}m ${time}`] as [number, string]),
];

const trialsHeats: Row[] = [
  ...trialsHeader,
  [
    146,
    [52, "1", "r"],
    [82, "4", "r"],
    [113, "4", "r"],
    [119, "QUILLFEATHER Adam"],
    [291, "OTTRSC"],
    [386, "2001", "r"],
    [447, "0.66", "r"],
    [510, "4:10.50", "r"],
    [558, "Q"],
  ],
  labelledSplits(154, ["26.24", "55.80", "1:27.56", "1:58.43", "2:33.81", "3:09.50", "3:40.78"]),
  [161, [136, "29.56", "r"], [199, "31.76", "r"], [261, "30.87", "r"], [510, "29.72", "r"]],
  [
    172,
    [52, "2", "r"],
    [82, "5", "r"],
    [113, "5", "r"],
    [119, "van der MARSH Piet"],
    [291, "HERON"],
    [386, "1994", "r"],
    [447, "0.69", "r"],
    [510, "4:10.61", "r"],
    [552, "0.11", "r"],
    [558, "Q"],
  ],
  labelledSplits(180, ["26.48", "56.46", "1:29.20", "2:01.30", "2:35.69", "3:10.65", "3:41.59"]),
  [187, [136, "29.98", "r"], [199, "32.74", "r"], [510, "29.02", "r"]],
  [
    198,
    [82, "2", "r"],
    [113, "3", "r"],
    [119, "BRAMBLE Tobias"],
    [291, "NEWT"],
    [386, "2003", "r"],
    [470, "DSQ"],
  ],
  [700, [150, "Official Timekeeping by Omega"]],
  [
    712,
    [30, "SWMM400MIM------------HEAT--------_74A 1"],
    [220, "Report Created by OMEGA 13 JUN 10:29"],
    [520, "Page 1/1"],
  ],
];

const relaySummary: Row[] = [
  [30, [100, "21st Invented World Championships"]],
  [42, [150, "Lakeside (ZZZ)"]],
  [54, [150, "18 June - 3 July 2022"]],
  [68, [30, "Event 8"], [200, "Women's 4x100m Freestyle"], [480, "Heats"]],
  [80, [35, "18 JUN 2022 - 11:18"], [200, "4x100m nage libre - femmes"], [480, "Séries"]],
  [92, [150, "Results Summary"]],
  [104, [150, "Event Number 8"]],
  [120, [150, "Time"]],
  [
    126,
    [110, "Rank", "r"],
    [134, "Heat", "r"],
    [157, "Lane", "r"],
    [166, "NAT / Name"],
    [340, "R.T.", "r"],
    [384, "50m", "r"],
    [432, "100m", "r"],
    [490, "Time", "r"],
  ],
  [132, [150, "Behind"]],
  [
    146,
    [110, "1", "r"],
    [134, "2", "r"],
    [157, "4", "r"],
    [166, "AAA - Atlantis"],
    [490, "3:33.74", "r"],
    [535, "Q"],
  ],
  [
    155,
    [232, "WILLOWBY Maud"],
    [340, "0.70", "r"],
    [384, "25.77", "r"],
    [432, "52.99", "r"],
    [490, "52.99", "r"],
  ],
  [
    164,
    [232, "HARROW Meg"],
    [340, "0.30", "r"],
    [384, "25.34", "r"],
    [432, "52.98", "r"],
    [490, "1:45.97", "r"],
  ],
  [
    173,
    [232, "NEALEY Lia"],
    [340, "0.35", "r"],
    [384, "26.01", "r"],
    [432, "53.85", "r"],
    [490, "2:39.82", "r"],
  ],
  [
    182,
    [232, "THISTLE Bree"],
    [340, "0.26", "r"],
    [384, "25.72", "r"],
    [432, "53.92", "r"],
    [490, "3:33.74", "r"],
  ],
  [194, [134, "1", "r"], [157, "3", "r"], [166, "BBB - Borduria"], [470, "DNS"]],
  [700, [150, "Official Timekeeping by Omega"]],
  [
    712,
    [30, "SWMW4X100MFR----------HEAT--------_74B 1"],
    [220, "Report Created by OMEGA 18 JUN 11:41"],
    [520, "Page 1/1"],
  ],
];

const medallists: Row[] = [
  [30, [100, "21st Invented World Championships"]],
  [68, [30, "Event 108"], [200, "Women's 4x100m Freestyle"]],
  [92, [150, "Medallists"]],
  [104, [30, "Medal"], [100, "NAT"], [300, "Name"]],
  [116, [30, "GOLD"], [100, "AAA - Atlantis"], [300, "WILLOWBY Maud"]],
  [712, [30, "SWMW4X100MFR----------------------_92B 1"], [220, "Report Created by OMEGA 18 JUN 19:56"]],
];

describe("omegaParser", () => {
  it("claims Omega trials sheets and leaves ISL and Olympic sheets alone", async () => {
    const doc = await orisDoc([trialsHeats]);
    expect(omegaParser.detect(doc)).toBe(true);
    expect(islParser.detect(doc)).toBe(false);
    expect(olympicParser.detect(doc)).toBe(false);
  });

  it("reads heats rows with labelled cumulative splits, birth years, marks and a DSQ", async () => {
    const { meet, swims } = omegaParser.parse(await orisDoc([trialsHeats]));
    expect(meet).toMatchObject({
      name: "2020 Invented Team Trials - Wave III",
      venue: "Springfield",
      startDate: "2021-06-13",
    });
    expect(swims).toHaveLength(3);
    const [first, second, dsq] = swims;
    expect(first).toMatchObject({
      name: "QUILLFEATHER Adam",
      lastName: "QUILLFEATHER",
      firstName: "Adam",
      team: "OTTRSC",
      birthYear: 2001,
      gender: "M",
      round: "prelim",
      heat: 4,
      lane: 4,
      place: 1,
      time: "4:10.50",
      timeMs: 250_500,
      reactionTime: 0.66,
      status: "OK",
      event: { number: "1", distance: 400, stroke: "im", relay: false, gender: "M", course: null },
    });
    expect(first?.splits.map((s) => s.distance)).toEqual([50, 100, 150, 200, 250, 300, 350, 400]);
    expect(first?.splits[1]).toEqual({ distance: 100, timeMs: 55_800 });
    expect(first?.splits[7]).toEqual({ distance: 400, timeMs: 250_500 });
    expect(second).toMatchObject({ lastName: "van der MARSH", firstName: "Piet", place: 2, time: "4:10.61" });
    expect(dsq).toMatchObject({
      name: "BRAMBLE Tobias",
      status: "DQ",
      place: null,
      time: null,
      heat: 2,
      lane: 3,
    });
  });

  it("reads relay teams with their legs, leg times and cumulative splits", async () => {
    const { swims } = omegaParser.parse(await orisDoc([relaySummary]));
    expect(swims).toHaveLength(2);
    const [team, dns] = swims;
    expect(team).toMatchObject({
      name: "AAA - Atlantis",
      team: "AAA",
      place: 1,
      heat: 2,
      lane: 4,
      time: "3:33.74",
      event: { distance: 400, stroke: "free_relay", relay: true, gender: "F" },
    });
    expect(team?.relayLegs).toEqual([
      { name: "WILLOWBY Maud", order: 1, timeMs: 52_990 },
      { name: "HARROW Meg", order: 2, timeMs: 52_980 },
      { name: "NEALEY Lia", order: 3, timeMs: 53_850 },
      { name: "THISTLE Bree", order: 4, timeMs: 53_920 },
    ]);
    expect(team?.splits.slice(0, 3)).toEqual([
      { distance: 50, timeMs: 25_770 },
      { distance: 100, timeMs: 52_990 },
      { distance: 150, timeMs: 78_330 },
    ]);
    expect(team?.splits.at(-1)).toEqual({ distance: 400, timeMs: 213_740 });
    expect(dns).toMatchObject({ name: "BBB - Borduria", status: "DNS", place: null, relayLegs: [] });
  });

  it("skips medallist pages", async () => {
    const { swims } = omegaParser.parse(await orisDoc([medallists, relaySummary]));
    expect(swims).toHaveLength(2);
  });
});
