import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breaches, raised, readFloor } from "./floor.ts";

describe("the accuracy floor", () => {
  it("reports every figure below its floor, and a floor figure the run did not measure", () => {
    const floor = { "splash.swims.recall": 0.99, "splash.swims.precision": 0.97, "hytek.swims.recall": 0.5 };
    const actual = { "splash.swims.recall": 0.995, "splash.swims.precision": 0.96 };
    expect(breaches(floor, actual)).toEqual([
      { key: "splash.swims.precision", floor: 0.97, actual: 0.96 },
      { key: "hytek.swims.recall", floor: 0.5, actual: null },
    ]);
  });

  it("does not hold a measured figure the floor has no entry for yet", () => {
    expect(
      breaches({ "easywk.swims.recall": 1 }, { "easywk.swims.recall": 1, "easywk.dates.recall": 0.1 }),
    ).toEqual([]);
  });

  it("rises to better figures, rounded down, and never falls", () => {
    const floor = { "a.swims.recall": 0.9, "b.swims.recall": 0.8 };
    expect(raised(floor, { "a.swims.recall": 0.95678, "b.swims.recall": 0.7, "c.splits.recall": 1 })).toEqual(
      { "a.swims.recall": 0.9567, "b.swims.recall": 0.8, "c.splits.recall": 1 },
    );
  });

  it("refuses a floor file with a figure that is not a fraction", () => {
    const file = join(mkdtempSync(join(tmpdir(), "splitstream-floor-")), "floor.json");
    writeFileSync(file, JSON.stringify({ "a.swims.recall": 99.5 }));
    expect(() => readFloor(file)).toThrow(/between 0 and 1/);
  });
});
