import type { ResultSwim } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import { makeSwim } from "../../../extract/src/test-support/make-swim.ts";
import { personalBests } from "../../src/results/personal-bests.ts";

const JOB = "00000000-0000-4000-8000-000000000001";
const meet = {
  name: "Lakeside Open",
  startDate: "2026-03-13",
  endDate: "2026-03-15",
  course: null,
  venue: null,
  software: "isl",
};

function resultSwim(
  overrides: Parameters<typeof makeSwim>[0] & { course?: ResultSwim["course"] },
): ResultSwim {
  const { course = "SCM", ...swim } = overrides;
  return { ...makeSwim(swim), jobId: JOB, meet, course, matchedAs: "exact", relayLeg: null };
}

describe("personalBests", () => {
  it("keeps the fastest valid individual swim per event and course, dated by the swim's own day", () => {
    const bests = personalBests([
      resultSwim({ timeMs: 62_340, time: "1:02.34", date: "2026-03-13" }),
      resultSwim({ timeMs: 61_900, time: "1:01.90", date: "2026-03-15", dateIsMeetStart: false }),
      resultSwim({ timeMs: 64_000, time: "1:04.00", course: "LCM" }),
    ]);
    expect(bests.map((best) => [best.course, best.time, best.date, best.dateIsMeetStart])).toEqual([
      ["LCM", "1:04.00", "2026-03-14", true],
      ["SCM", "1:01.90", "2026-03-15", false],
    ]);
  });

  it.each([
    ["a relay (a leg is not an individual swim)", { event: { relay: true, stroke: "free_relay" as const } }],
    ["an event the parser could not name", { event: { stroke: "other" as const } }],
    ["a disqualified swim", { status: "DQ" as const }],
    ["a swim without a time", { timeMs: null, time: null }],
  ])("never counts %s", (_, overrides) => {
    expect(personalBests([resultSwim({ timeMs: 50_000, time: "50.00", ...overrides })])).toEqual([]);
  });

  it("gives a tie to the earlier swim", () => {
    const [best] = personalBests([
      resultSwim({ timeMs: 62_000, time: "1:02.00", date: "2026-03-15" }),
      resultSwim({ timeMs: 62_000, time: "1:02.00", date: "2026-03-13" }),
    ]);
    expect(best?.date).toBe("2026-03-13");
  });
});
