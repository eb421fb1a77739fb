/** The format parsers extractMeet tries, in order: the first whose detect() accepts a document parses it. */
import { easywkParser } from "./easywk.ts";
import type { FormatParser } from "./format-parser.ts";
import { hytekParser } from "./hytek.ts";
import { islParser } from "./isl.ts";
import { olympicParser } from "./olympic.ts";
import { omegaParser } from "./omega.ts";
import { splashParser } from "./splash.ts";

// To add a parser: one import above and one entry below. Put narrower detectors (ISL, Olympic) before
// broader ones that could also claim their documents (Omega).
export const formatParsers: readonly FormatParser[] = [
  islParser,
  olympicParser,
  omegaParser,
  easywkParser,
  splashParser,
  hytekParser,
];
