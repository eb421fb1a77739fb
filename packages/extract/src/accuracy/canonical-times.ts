/** Finds every time in an extraction output that is not in the contract's one canonical form (`m:ss.cc`). */
import { canonicalTimeSchema, type Swim } from "@splitstream/shared";

export interface NonCanonicalTime {
  /** Which field of which swim: "swim 12 time", "swim 12 split 100", "swim 3 leg 2". */
  where: string;
  value: string;
}

const isCanonical = (time: string): boolean => canonicalTimeSchema.safeParse(time).success;

/** Every `time`, `seedTime`, split time and relay-leg time that breaks the canonical form; null is allowed. */
export function nonCanonicalTimes(swims: readonly Swim[]): NonCanonicalTime[] {
  const found: NonCanonicalTime[] = [];
  const check = (where: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && !isCanonical(value)) found.push({ where, value });
  };
  swims.forEach((swim, i) => {
    const at = `swim ${i + 1} (${swim.name}, page ${swim.page})`;
    // A time the swim has (timeMs) must be shown too: a missing display form is not canonical either.
    if (swim.timeMs !== null && swim.time === null) found.push({ where: `${at} time`, value: "null" });
    check(`${at} time`, swim.time);
    check(`${at} seedTime`, swim.seedTime);
    for (const split of swim.splits) {
      if (split.time === null || split.time === undefined)
        found.push({ where: `${at} split ${split.distance}`, value: String(split.time) });
      else check(`${at} split ${split.distance}`, split.time);
    }
    for (const leg of swim.relayLegs) {
      if (leg.timeMs !== null && leg.time === null)
        found.push({ where: `${at} leg ${leg.order}`, value: "null" });
      check(`${at} leg ${leg.order}`, leg.time);
    }
  });
  return found;
}
