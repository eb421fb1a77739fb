/** Builds Swim objects with invented defaults for unit tests; pass only what a test cares about. */
import { formatSwimTime, type RelayLeg, type Split, type Swim, type SwimEvent } from "@splitstream/shared";

type Timed<T extends { timeMs: number | null }> = Omit<T, "time"> & {
  time?: T extends Split ? string : string | null;
};

export function makeSwim(
  overrides: Partial<Omit<Swim, "event" | "splits" | "relayLegs">> & {
    event?: Partial<SwimEvent>;
    splits?: Timed<Split>[];
    relayLegs?: Timed<RelayLeg>[];
  } = {},
): Swim {
  const { event, splits = [], relayLegs = [], ...rest } = overrides;
  return {
    name: "Quillfeather, Ada",
    firstName: null,
    lastName: null,
    age: null,
    birthYear: null,
    team: "Otter Swim Club",
    gender: "F",
    round: "timed_final",
    roundLabel: null,
    heat: null,
    lane: null,
    place: 1,
    tie: false,
    time: "1:02.34",
    timeAsPrinted: "1:02.34",
    timeMs: 62_340,
    seedTime: null,
    seedTimeAsPrinted: null,
    status: "OK",
    dqReason: null,
    points: null,
    reactionTime: null,
    splits: splits.map((split) => ({ ...split, time: split.time ?? formatSwimTime(split.timeMs) })),
    relayLegs: relayLegs.map((leg) => ({
      ...leg,
      time: leg.time ?? (leg.timeMs === null ? null : formatSwimTime(leg.timeMs)),
    })),
    page: 1,
    date: "2026-03-14",
    dateIsMeetStart: true,
    ...rest,
    event: {
      number: "1",
      name: null,
      distance: 100,
      stroke: "free",
      relay: false,
      ageGroup: null,
      gender: "F",
      course: "SCM",
      ...event,
    },
  };
}
