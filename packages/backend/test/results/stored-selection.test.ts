import { describe, expect, it } from "vitest";
import { makeSwim } from "../../../extract/src/test-support/make-swim.ts";
import { type StoredSelection, upgradeStoredSelection } from "../../src/results/stored-selection.ts";

describe("upgradeStoredSelection", () => {
  it("reads a selection stored before extractor 2.0 in today's shape", () => {
    const { tie, roundLabel, timeAsPrinted, date, dateIsMeetStart, ...old } = makeSwim({
      event: { relay: true, stroke: "free_relay" },
    });
    const meet = {
      name: "Lakeside Open",
      startDate: "2025-11-02",
      endDate: null,
      course: null,
      venue: null,
      software: "isl",
    };
    const legacy = {
      meet,
      swims: [{ ...old, matchedAs: "exact", relayLeg: 3 }],
      ambiguous: false,
      warnings: [],
    };
    const upgraded = upgradeStoredSelection(legacy as unknown as StoredSelection);
    expect(upgraded.identities).toEqual([]);
    expect(upgraded.swims[0]).toMatchObject({
      tie: false,
      roundLabel: null,
      timeAsPrinted: "1:02.34",
      date: "2025-11-02",
      dateIsMeetStart: true,
      relayLeg: { order: 3, timeMs: null, time: null, splits: [] },
    });
  });
});
