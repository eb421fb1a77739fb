import { describe, expect, it } from "vitest";
import { makeSwim } from "../test-support/make-swim.ts";
import { scoreRelays } from "./relay-score.ts";
import { relayLegTimes, type TruthRelay } from "./truth.ts";

const relay = (overrides: Partial<TruthRelay> = {}): TruthRelay => ({
  team: "OTT - Otterland",
  distance: 400,
  stroke: "free_relay",
  round: "final",
  gender: "F",
  timeMs: 214_000,
  legs: [
    { order: 1, name: "HOLLOWAY Tansy", timeMs: 54_000 },
    { order: 2, name: "ASHDOWN Wren", timeMs: 53_000 },
    { order: 3, name: "FINCH Odo", timeMs: 54_000 },
    { order: 4, name: "PELL Juniper", timeMs: 53_000 },
  ],
  source: "invented:2",
  ...overrides,
});

const relaySwim = (
  legTimes: (number | null)[],
  names = ["Tansy Holloway", "Wren Ashdown", "Juniper Pell", "Odo Finch"],
) =>
  makeSwim({
    name: "OTT - Otterland",
    team: "OTT",
    round: "final",
    timeMs: 214_000,
    time: "3:34.00",
    event: { relay: true, stroke: "free_relay", distance: 400 },
    relayLegs: names.map((name, i) => ({ name, order: i + 1, timeMs: legTimes[i] ?? null })),
  });

describe("relay leg truth", () => {
  it("reads each leg's own time the one way the split values add up to the team's time", () => {
    // Within each leg (ORIS): 50 m and 100 m of every leg.
    expect(
      relayLegTimes([26_000, 54_000, 25_000, 53_000, 26_000, 54_000, 25_500, 53_000], 4, 214_000),
    ).toEqual([54_000, 53_000, 54_000, 53_000]);
    // Cumulative from the start.
    expect(relayLegTimes([54_000, 107_000, 161_000, 214_000], 4, 214_000)).toEqual([
      54_000, 53_000, 54_000, 53_000,
    ]);
    // Laps.
    expect(
      relayLegTimes([26_000, 28_000, 25_000, 28_000, 26_000, 28_000, 25_000, 28_000], 4, 214_000),
    ).toEqual([54_000, 53_000, 54_000, 53_000]);
    expect(relayLegTimes([26_000, 28_000, 25_000], 4, 214_000)).toBeNull();
    expect(relayLegTimes([50_000, 50_000, 50_000, 50_000], 4, 214_000)).toBeNull();
  });
});

describe("scoreRelays", () => {
  it("scores each leg's swimmer at its order and its own time", () => {
    // Legs 3 and 4 swapped; leg 2 time missing (the PDF did not print it), leg 4 time wrong.
    const swim = relaySwim([54_000, null, 54_000, 99_000]);
    const score = scoreRelays([relay()], [swim]);
    expect(score.relays).toMatchObject({ found: 1, truth: 1 });
    expect(score.legNames).toMatchObject({ found: 2, truth: 4, right: 2, extracted: 4 });
    expect(score.legTimes).toMatchObject({ found: 2, truth: 4, right: 2, extracted: 3 });
    expect(score.misses).toHaveLength(3);
  });

  it("pairs a relay only with a relay swim of the same time and event, the team breaking ties", () => {
    const other = { ...relaySwim([54_000, 53_000, 54_000, 53_000]), name: "Brambleford", team: "BRA" };
    const mine = relaySwim(
      [54_000, 53_000, 54_000, 53_000],
      ["Tansy Holloway", "Wren Ashdown", "Odo Finch", "Juniper Pell"],
    );
    const slower = { ...mine, timeMs: 215_000 };
    expect(scoreRelays([relay()], [other, mine]).legNames).toMatchObject({ found: 4 });
    expect(scoreRelays([relay()], [slower]).relays).toMatchObject({ found: 0, truth: 1 });
    expect(scoreRelays([relay({ timeMs: null })], [mine]).relays).toMatchObject({ truth: 0 });
  });
});
