/**
 * Recognises documents that look like meet results but are not (entry lists, psych sheets, start
 * lists, top-times reports, certificates), so they fail with NOT_RESULTS instead of yielding false swims.
 */
import type { PdfText } from "../pdf/text-layout.ts";
import { headerLines } from "./header-lines.ts";

export type NotResultsKind = "entry list" | "start list" | "psych sheet" | "top-times report" | "certificate";

export interface NotResultsVerdict {
  kind: NotResultsKind;
  /** The header line (or metadata) that gave it away, for the error message. */
  evidence: string;
}

// A results title in the header outweighs entry-list words: results pages often name seed ("Meldezeit")
// columns or mention "Startliste" in a footer, but entry lists never call themselves results.
const RESULTS_TITLE =
  /\b(results?|protokoll|ergebnis(se|liste)?|résultats|resultaten|uitslagen|wettkampfergebnisse|final standings)\b/i;

const STRONG: { kind: NotResultsKind; pattern: RegExp }[] = [
  // Certificates: one swim per page, "… belegte im Jahrgang … den 2. Platz" / "Certificate".
  { kind: "certificate", pattern: /\b(urkunde|certificate of|belegte im\b|erreichte den\b)/i },
  { kind: "top-times report", pattern: /\b(top[- ]times|top-?zeiten|bestenliste|rankings? list)\b/i },
  { kind: "psych sheet", pattern: /\bpsych sheet\b/i },
];

const WEAK: { kind: NotResultsKind; pattern: RegExp }[] = [
  {
    kind: "entry list",
    pattern: /\b(meldeergebnis|meldeliste|meldungen|entry list|entries list|entry lists)\b/i,
  },
  {
    kind: "start list",
    pattern: /\b(startliste|start list|startlist|heat sheet|meet program|programme? of events)\b/i,
  },
];

/** The verdict reads only the header of the first pages, so a reader may stop after them. */
export const NOT_RESULTS_HEADER_PAGES = 2;

export function detectNotResults(doc: PdfText): NotResultsVerdict | null {
  const lines = headerLines(doc, NOT_RESULTS_HEADER_PAGES, 14);
  for (const { kind, pattern } of STRONG) {
    const hit = lines.find((line) => pattern.test(line));
    if (hit) return { kind, evidence: hit };
  }
  if (lines.some((line) => RESULTS_TITLE.test(line))) return null;
  for (const { kind, pattern } of WEAK) {
    const hit = lines.find((line) => pattern.test(line));
    if (hit) return { kind, evidence: hit };
  }
  // An entry list without a title: lanes listed with entry times ("Meldezeit"/"Entry Time") and no
  // result column anywhere in the header.
  const seedOnly = lines.find((line) => /\b(meldezeit|entry time|seed time)\b/i.test(line));
  if (seedOnly && !lines.some((line) => /\b(endzeit|finals? time|zeit\s*$|result|time\s*$)\b/i.test(line))) {
    const hasResultsWord = lines.some((line) => /\b(platz|rang|place|pl\.)\b/i.test(line));
    if (!hasResultsWord) return { kind: "entry list", evidence: seedOnly };
  }
  return null;
}
