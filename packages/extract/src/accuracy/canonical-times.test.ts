import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { nonCanonicalTimes } from "./canonical-times.ts";

describe("the canonical time check", () => {
  it("passes swims whose every time is m:ss.cc or ss.cc", () => {
    const swims = [
      makeSwim({
        time: "1:02.34",
        seedTime: "59.99",
        splits: [
          { distance: 50, timeMs: 29_870, time: "29.87" },
          { distance: 100, timeMs: 62_340, time: "1:02.34" },
        ],
      }),
      makeSwim({
        name: "Marlowe Relay",
        event: { relay: true, stroke: "free_relay", distance: 200 },
        time: "1:45.10",
        timeMs: 105_100,
        relayLegs: [
          { name: "Tansy Holloway", order: 1, timeMs: 26_400, time: "26.40" },
          { name: "Wren Ashdown", order: 2, timeMs: null, time: null },
        ],
      }),
      makeSwim({ status: "DQ", time: null, timeMs: null }),
    ];
    expect(nonCanonicalTimes(swims)).toEqual([]);
  });

  it("counts a comma, a leading zero minute, one or three decimals, and a missing shown time", () => {
    const swims = [
      makeSwim({ time: "01:02,34", seedTime: "1:02.3" }),
      makeSwim({
        name: "Pell, Juniper",
        time: null,
        timeMs: 62_340,
        splits: [{ distance: 50, timeMs: 29_870, time: "0:29.87" }],
        relayLegs: [{ name: "Odo Finch", order: 3, timeMs: 26_400, time: "26.400" }],
      }),
    ];
    const found = nonCanonicalTimes(swims);
    expect(found.map((f) => f.value)).toEqual(["01:02,34", "1:02.3", "null", "0:29.87", "26.400"]);
    expect(found[0]!.where).toMatch(/^swim 1 .* time$/);
    expect(found[3]!.where).toMatch(/split 50$/);
    expect(found[4]!.where).toMatch(/leg 3$/);
  });
});
