/** One swimmer's swims out of a whole meet, each with how its name matched and, for relays, the swimmer's own leg. */
import type { Swim } from "@splitstream/shared";
import { type OwnRelayLeg, ownRelayLeg } from "./relay-leg.ts";
import { type IdentityChoice, type MatchHow, matchSwimmer, type SwimmerIdentity } from "./swimmer-match.ts";

export type SelectedSwim = Swim & { matchedAs: MatchHow; relayLeg: OwnRelayLeg | null };

export interface SwimmerSelection {
  swims: SelectedSwim[];
  ambiguous: boolean;
  identities: SwimmerIdentity[];
}

export function selectSwimmer(
  swims: readonly Swim[],
  query: string,
  choice: IdentityChoice | null = null,
): SwimmerSelection {
  const match = matchSwimmer(swims, query, choice);
  return {
    swims: match.swims.map(({ swim, how, legOrder }) => ({
      ...swim,
      matchedAs: how,
      relayLeg: legOrder === undefined ? null : ownRelayLeg(swim, legOrder),
    })),
    ambiguous: match.ambiguous,
    identities: match.identities,
  };
}
