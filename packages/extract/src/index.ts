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
export {
  type MatchedSwim,
  type MatchHow,
  matchSwimmer,
  type SwimmerMatch,
} from "./matching/swimmer-match.ts";
export type { FormatParser } from "./parsers/format-parser.ts";
export { EXTRACTOR_VERSION } from "./version.ts";
