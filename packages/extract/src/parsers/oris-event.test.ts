import { describe, expect, it } from "vitest";
import {
  parseEventTitle,
  parseReportCode,
  parseUnknownEventTitle,
  roundLabelOf,
  roundOf,
} from "./oris-event.ts";
import { splitPrintedName } from "./oris-name.ts";

describe("parseReportCode", () => {
  it("reads event, phase and report type from the page-foot code", () => {
    expect(parseReportCode("SWMW200MIM------------HEAT--------_74A 1")).toMatchObject({
      gender: "F",
      distance: 200,
      relay: false,
      phase: "HEAT",
      swimOff: false,
      reportType: 74,
    });
    expect(parseReportCode("SWMX4X100MFR13033-----FNL-000100--_73B1 2")).toMatchObject({
      gender: "X",
      relay: true,
      phase: "FNL",
      reportType: 73,
    });
    expect(parseReportCode("SWMM100MBR------------HEAT0000RR--_73A2 1")?.swimOff).toBe(true);
    expect(parseReportCode("SWMM1500MFR-----------FNL-0000FA--_74A 1")?.timedFinal).toBe(true);
    expect(parseReportCode("Official Timekeeping by Omega")).toBeNull();
  });
});

describe("parseEventTitle and roundOf", () => {
  it("reads individual, relay and para titles", () => {
    expect(parseEventTitle("Event 1   AM   Men's 400m Individual Medley   Heats")).toMatchObject({
      gender: "M",
      distance: 400,
      stroke: "im",
      relay: false,
      rest: "Heats",
    });
    expect(parseEventTitle("Women's 4 x 100m Medley Relay")).toMatchObject({
      stroke: "medley_relay",
      relay: true,
      distance: 100,
    });
    expect(parseEventTitle("Women's 150m Individual Medley - SM4")).toMatchObject({
      ageGroup: "SM4",
      stroke: "im",
    });
    expect(parseEventTitle("Women's 50m Breaststroke Skins   Round 2")).toMatchObject({ stroke: "breast" });
  });

  it("keeps the printed name without round words, and marks unknown stroke words 'other'", () => {
    expect(parseEventTitle("Event 637   Men's 50m Freestyle Skin Race   Round 1")).toMatchObject({
      name: "Men's 50m Freestyle Skin Race",
      stroke: "free",
    });
    expect(parseEventTitle("16 OCT 2020 - 16:03   Mixed 4x100m Freestyle")).toMatchObject({
      name: "Mixed 4x100m Freestyle",
      gender: "X",
      relay: true,
    });
    expect(parseEventTitle("Men's 50m Freestyle - S11")).toMatchObject({
      name: "Men's 50m Freestyle - S11",
      ageGroup: "S11",
      stroke: "free",
    });
    expect(parseEventTitle("Women's 100m Freestyle Kick   Final")).toMatchObject({
      name: "Women's 100m Freestyle Kick",
      stroke: "other",
      distance: 100,
    });
    expect(parseEventTitle("Women's 100m Dolphin Kick")).toBeNull();
    expect(parseUnknownEventTitle("Women's 100m Dolphin Kick - S9   Heats")).toMatchObject({
      name: "Women's 100m Dolphin Kick - S9",
      stroke: "other",
      distance: 100,
      ageGroup: "S9",
      gender: "F",
    });
  });

  it("labels skins rounds, swim-offs and lettered finals", () => {
    const code = (text: string) => parseReportCode(text);
    expect(roundLabelOf(code("SWMW50MSK-------------QFNL000100--_73A1 1"), "", true)).toBe("Skins Round 1");
    expect(roundLabelOf(null, "Round 2", true)).toBe("Skins Round 2");
    expect(roundLabelOf(null, "Final", true)).toBe("Skins Final");
    expect(roundLabelOf(null, "Heats Swim-off", false)).toBe("Heats Swim-off");
    expect(roundLabelOf(code("SWMW50MBA-------------SFNL0001RR--_73A1 1"), "", false)).toBe(
      "Semifinals Swim-off",
    );
    expect(roundLabelOf(null, "Final B", false)).toBe("Final B");
    expect(roundLabelOf(null, "Start Time 10:30   Final", false)).toBeNull();
  });

  it("maps phases and printed words to rounds", () => {
    expect(roundOf(parseReportCode("SWMM100MBF------------SFNL--------_74A"), "")).toBe("semi");
    expect(roundOf(null, "Heats Swim-off")).toBe("swimoff");
    expect(roundOf(null, "Fastest Heats")).toBe("timed_final");
    expect(roundOf(null, "Final")).toBe("final");
  });
});

describe("splitPrintedName", () => {
  it("splits capitalised surnames, particles and Mc prefixes from given names", () => {
    expect(splitPrintedName("QUILLFEATHER Ada")).toEqual({ lastName: "QUILLFEATHER", firstName: "Ada" });
    expect(splitPrintedName("van der BERG Anna-Lena")).toEqual({
      lastName: "van der BERG",
      firstName: "Anna-Lena",
    });
    expect(splitPrintedName("McWHIRTER Kate")).toEqual({ lastName: "McWHIRTER", firstName: "Kate" });
    expect(splitPrintedName("Mc BRIDE Nora")).toEqual({ lastName: "Mc BRIDE", firstName: "Nora" });
    expect(splitPrintedName("O'HARE-LYNN Bo Min")).toEqual({ lastName: "O'HARE-LYNN", firstName: "Bo Min" });
    expect(splitPrintedName("Quill, Ada")).toEqual({ lastName: "Quill", firstName: "Ada" });
    expect(splitPrintedName("QUILLFEATHER JM")).toEqual({ lastName: "QUILLFEATHER", firstName: "JM" });
  });
});
