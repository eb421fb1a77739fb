import { describe, expect, it } from "vitest";
import { cumulativeSplits, intervalOf, readSplitLine, styleOf } from "./hytek-splits.ts";

const words = (...cells: Array<[string, number]>) =>
  cells.map(([str, right]) => ({ str, x: right - 20, right }));
const slots = (...ms: Array<number | null | undefined>) =>
  new Map(ms.flatMap((value, i) => (value === undefined ? [] : [[i, value] as [number, number | null]])));

describe("Hy-Tek split lines", () => {
  it("reads a reaction, cumulative times with intervals, blank intervals and a DQ cell", () => {
    const line = readSplitLine(
      words(
        ["r:+0.64", 110],
        ["12.39", 125.9],
        ["24.91", 200],
        ["(24.91)", 209.9],
        ["1:06.23", 280],
        ["(", 285],
        [")", 293.9],
        ["DQ", 370],
        ["(22.24)", 377.9],
      ),
    );
    expect(line).toEqual({
      reaction: 0.64,
      cells: [
        { right: 125.9, ms: 12_390, interval: false },
        { right: 209.9, ms: 24_910, interval: true },
        { right: 293.9, ms: 66_230, interval: true },
        { right: 377.9, ms: null, interval: true },
      ],
    });
    expect(readSplitLine(words(["1:36.89", 132], ["A", 140]))).toBeNull();
  });

  it("tells laps from cumulative times by the time they add up to", () => {
    const line = { cells: [], reaction: null };
    expect(styleOf([line], slots(30_860, 36_480), 67_340)).toBe("laps");
    expect(styleOf([line], slots(30_860, 67_340), 67_340)).toBe("cumulative");
    // Without a time (a DQ) a split no larger than the one before still gives laps away.
    expect(styleOf([line], slots(48_700, 44_870), null)).toBe("laps");
    expect(styleOf([line], slots(48_700, 94_870), null)).toBeNull();
  });

  it("takes the interval from a complete row's count only when it is a pool length multiple", () => {
    expect(intervalOf(800, 32)).toBe(25);
    expect(intervalOf(200, 4)).toBe(50);
    expect(intervalOf(200, 3)).toBeNull();
  });

  it("recovers splits after a missing lap from the finish backwards", () => {
    // 400 by 50s: laps 3 and 4 missing.
    expect(
      cumulativeSplits(
        slots(40_000, 45_000, null, null, 44_000, 43_000, 42_000, 41_000),
        "laps",
        50,
        400,
        350_000,
      ),
    ).toEqual([
      { distance: 50, timeMs: 40_000 },
      { distance: 100, timeMs: 85_000 },
      { distance: 200, timeMs: 180_000 },
      { distance: 250, timeMs: 224_000 },
      { distance: 300, timeMs: 267_000 },
      { distance: 350, timeMs: 309_000 },
      { distance: 400, timeMs: 350_000 },
    ]);
  });

  it("reads a lap twice the others as two lengths when the laps add up to the time", () => {
    expect(cumulativeSplits(slots(30_000, 32_000, 64_500, 31_000), "laps", 50, 250, 157_500)).toEqual([
      { distance: 50, timeMs: 30_000 },
      { distance: 100, timeMs: 62_000 },
      { distance: 200, timeMs: 126_500 },
      { distance: 250, timeMs: 157_500 },
    ]);
  });

  it("drops impossible cumulative splits and moves an early finish to the end", () => {
    // 200 by 25s: a 1.37 s length at 75 and a finish printed in the 150 slot.
    expect(
      cumulativeSplits(slots(12_390, 24_910, 26_280, 52_090, 64_000, 97_830), "cumulative", 25, 200, 97_830),
    ).toEqual([
      { distance: 25, timeMs: 12_390 },
      { distance: 50, timeMs: 24_910 },
      { distance: 100, timeMs: 52_090 },
      { distance: 125, timeMs: 64_000 },
      { distance: 200, timeMs: 97_830 },
    ]);
  });
});
