/** Builds Swim objects with invented defaults for unit tests; pass only what a test cares about. */
import type { Swim, SwimEvent } from "@splitstream/shared";

export function makeSwim(
  overrides: Partial<Omit<Swim, "event">> & { event?: Partial<SwimEvent> } = {},
): Swim {
  const { event, ...rest } = overrides;
  return {
    name: "Quillfeather, Ada",
    firstName: null,
    lastName: null,
    age: null,
    birthYear: null,
    team: "Otter Swim Club",
    gender: "F",
    round: "timed_final",
    heat: null,
    lane: null,
    place: 1,
    time: "1:02.34",
    timeMs: 62_340,
    seedTime: null,
    status: "OK",
    dqReason: null,
    points: null,
    reactionTime: null,
    splits: [],
    relayLegs: [],
    page: 1,
    ...rest,
    event: {
      number: "1",
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
