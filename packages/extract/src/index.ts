/** Public API of @splitstream/extract: PDF bytes -> a meet's swims, and one swimmer's swims among them. */
export type {
  Course,
  ExtractionOutput,
  Meet,
  RelayLeg,
  Round,
  Split,
  Stroke,
  Swim,
  SwimEvent,
  SwimStatus,
} from "@splitstream/shared";
export { ExtractionError } from "./errors.ts";
export { type ExtractMeetOptions, extractMeet } from "./extract-meet.ts";
export { type CloseName, closeNames } from "./matching/close-names.ts";
export type { OwnRelayLeg } from "./matching/relay-leg.ts";
export { type SelectedSwim, type SwimmerSelection, selectSwimmer } from "./matching/select-swimmer.ts";
export {
  type IdentityChoice,
  type MatchedSwim,
  type MatchHow,
  matchSwimmer,
  type SwimmerIdentity,
  type SwimmerMatch,
} from "./matching/swimmer-match.ts";
export type { FormatParser } from "./parsers/format-parser.ts";
export { EXTRACTOR_VERSION } from "./version.ts";
