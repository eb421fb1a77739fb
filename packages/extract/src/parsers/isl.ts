/** Parser for International Swimming League match results (Omega ORIS-style sheets, club teams, points, skins). */

import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { firstPageLines, hasReportCode, orisMeet } from "./oris-meet.ts";
import { parseOrisResults } from "./oris-results-table.ts";

/** ISL sheets head each page with "2019 ISL Season", "2020 ISL Preliminaries" or the league's full name. */
export function isIslDocument(doc: PdfText): boolean {
  const header = firstPageLines(doc, 3).join("\n");
  return /\bISL\b|International Swimming League/.test(header) && hasReportCode(doc);
}

export const islParser: FormatParser = {
  id: "isl",
  detect: isIslDocument,
  parse(doc) {
    const [name, venue] = firstPageLines(doc, 2);
    const { swims, warnings } = parseOrisResults(doc, { course: null });
    return {
      meet: orisMeet(doc, {
        name: name ?? null,
        venue: venue ?? null,
        course: null,
        software: "Omega (ISL)",
      }),
      swims,
      warnings,
    };
  },
};
