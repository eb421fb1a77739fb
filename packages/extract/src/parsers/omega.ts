/** Parser for Omega results sheets: US Olympic Trials heats/finals/books and FINA championship results books. */

import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { isIslDocument } from "./isl.ts";
import { isOlympicDocument } from "./olympic.ts";
import { firstPageLines, hasReportCode, orisMeet } from "./oris-meet.ts";
import { parseOrisResults } from "./oris-results-table.ts";

function pageText(doc: PdfText, pages: number): string {
  return doc.pages
    .slice(0, pages)
    .map((page) => page.lines.map((line) => line.text).join("\n"))
    .join("\n");
}

export const omegaParser: FormatParser = {
  id: "omega",
  detect(doc) {
    // ISL and Olympic sheets come from the same Omega system; they have their own parsers.
    if (isIslDocument(doc) || isOlympicDocument(doc)) return false;
    const text = pageText(doc, 3);
    return /Official Timekeeping by Omega|Report Created by OMEGA/i.test(text) && hasReportCode(doc);
  },
  parse(doc) {
    const [name, venue] = firstPageLines(doc, 2);
    const { swims, warnings } = parseOrisResults(doc, { course: null });
    return {
      meet: orisMeet(doc, { name: name ?? null, venue: venue ?? null, course: null, software: "Omega" }),
      swims,
      warnings,
    };
  },
};
