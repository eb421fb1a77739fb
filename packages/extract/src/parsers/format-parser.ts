/** The interface every format parser (one module per producing software) implements. */
import type { Meet, RelayLeg, Split, Swim, SwimEvent } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";

export type FormatId = "hytek" | "splash" | "omega" | "isl" | "olympic" | "easywk";

/**
 * A swim as a parser reads it: times as printed, and the facts a layout may not print left optional.
 * `finishSwims` turns it into the canonical `Swim` (one time format, dates, defaults), so no parser
 * formats a time or guesses a date itself.
 */
export type ParsedSplit = Omit<Split, "time">;
export type ParsedRelayLeg = Omit<RelayLeg, "time">;
export type ParsedEvent = Omit<SwimEvent, "name"> & { name?: string | null };

export type ParsedSwim = Omit<
  Swim,
  | "time"
  | "timeAsPrinted"
  | "seedTime"
  | "seedTimeAsPrinted"
  | "splits"
  | "relayLegs"
  | "tie"
  | "roundLabel"
  | "date"
  | "dateIsMeetStart"
  | "event"
> & {
  event: ParsedEvent;
  /** The time exactly as printed, or null when there is none. */
  time: string | null;
  /** The seed (entry) time exactly as printed ("NT" and the like are fine: they become null). */
  seedTime: string | null;
  splits: ParsedSplit[];
  relayLegs: ParsedRelayLeg[];
  /** Shared place ("=9", "*9", "9T"). Default false. */
  tie?: boolean;
  /** The meet's own name for the round where `round` cannot tell rows apart. Default null. */
  roundLabel?: string | null;
  /** ISO day of the swim's session or event where the PDF prints it. Default: the meet's start date. */
  date?: string | null;
};

export interface ParsedMeet {
  meet: Meet;
  swims: ParsedSwim[];
  warnings: string[];
}

export interface FormatParser {
  id: FormatId;
  /** True when the document was produced by this software (metadata and header lines). */
  detect(doc: PdfText): boolean;
  /** Parses every swim of every swimmer. Throws ExtractionError for documents it recognises but cannot use. */
  parse(doc: PdfText): ParsedMeet;
}
