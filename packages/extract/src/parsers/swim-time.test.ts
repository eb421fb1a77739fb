import { describe, expect, it } from "vitest";
import { parseSwimTime } from "./swim-time.ts";

describe("parseSwimTime", () => {
  it.each([
    ["59.12", 59_120],
    ["1:02.34", 62_340],
    ["1:02,34", 62_340],
    ["1.02.34", 62_340],
    ["15:01.2", 901_200],
    ["x1:05.00", 65_000],
    ["0.65", 650],
  ])("reads %s", (printed, ms) => {
    expect(parseSwimTime(printed)).toBe(ms);
  });

  it.each(["DQ", "NT", "1:75.00", "", "12"])("rejects %s", (printed) => {
    expect(parseSwimTime(printed)).toBeNull();
  });
});
