import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { ownRelayLeg } from "./relay-leg.ts";

const relay = (overrides: Parameters<typeof makeSwim>[0]) =>
  makeSwim({
    name: "Otter Swim Club A",
    event: { distance: 200, stroke: "medley_relay", relay: true },
    timeMs: 130_000,
    ...overrides,
  });

describe("ownRelayLeg", () => {
  it("takes the leg time the PDF prints", () => {
    const swim = relay({ relayLegs: [{ name: "Quillfeather, Ada", order: 2, timeMs: 33_120 }] });
    expect(ownRelayLeg(swim, 2)).toEqual({ order: 2, timeMs: 33_120, time: "33.12", splits: [] });
  });

  it("derives the leg from the team's cumulative splits at both ends", () => {
    const swim = relay({
      relayLegs: [{ name: "Quillfeather, Ada", order: 3, timeMs: null }],
      splits: [
        { distance: 50, timeMs: 31_000 },
        { distance: 100, timeMs: 65_500 },
        { distance: 150, timeMs: 97_250 },
      ],
    });
    expect(ownRelayLeg(swim, 1)).toMatchObject({ timeMs: 31_000, time: "31.00" });
    expect(ownRelayLeg(swim, 3)).toMatchObject({ timeMs: 31_750, time: "31.75" });
    // The anchor leg ends at the team's final time.
    expect(ownRelayLeg(swim, 4)).toMatchObject({ timeMs: 32_750, time: "32.75" });
  });

  it("measures splits inside a leg from the leg's start", () => {
    const swim = relay({
      event: { distance: 400, stroke: "free_relay", relay: true },
      timeMs: 240_000,
      splits: [
        { distance: 50, timeMs: 28_000 },
        { distance: 100, timeMs: 59_000 },
        { distance: 150, timeMs: 87_500 },
        { distance: 200, timeMs: 119_000 },
      ],
    });
    expect(ownRelayLeg(swim, 2)).toEqual({
      order: 2,
      timeMs: 60_000,
      time: "1:00.00",
      splits: [{ distance: 50, timeMs: 28_500, time: "28.50" }],
    });
  });

  it("says null when neither a leg time nor the splits it follows from are printed", () => {
    const swim = relay({ splits: [{ distance: 50, timeMs: 31_000 }] });
    expect(ownRelayLeg(swim, 3)).toEqual({ order: 3, timeMs: null, time: null, splits: [] });
  });
});
