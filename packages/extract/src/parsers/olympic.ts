/** Parser for Tokyo 2020 Olympic and Paralympic swimming result sheets (ORIS layout, trilingual headers). */

import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { hasReportCode, orisMeet } from "./oris-meet.ts";
import { parseOrisResults } from "./oris-results-table.ts";

function headerText(doc: PdfText): string {
  return (doc.pages[0]?.lines ?? [])
    .slice(0, 14)
    .map((line) => line.text)
    .join("\n");
}

/**
 * Games sheets carry an ORIS report code and either the Tokyo venue or Games column labels: countries
 * are NOCs/NPCs there (world championships print "NAT", the US Trials and ISL "Club").
 */
export function isOlympicDocument(doc: PdfText): boolean {
  if (!hasReportCode(doc)) return false;
  const header = headerText(doc);
  const page = (doc.pages[0]?.lines ?? []).map((line) => line.text).join("\n");
  return (
    /Tokyo Aquatics Centre|東京アクアティクスセンター|Tokyo 2020/.test(header) ||
    /\b(NOC|NPC) Code\b|\b(NOC|NPC) \/ Name\b/.test(page)
  );
}

function isParalympic(doc: PdfText): boolean {
  return /\bNPC\b|EVENT NO\./.test(
    doc.pages.map((page) => page.lines.map((line) => line.text).join("\n")).join("\n"),
  );
}

export const olympicParser: FormatParser = {
  id: "olympic",
  detect: isOlympicDocument,
  parse(doc) {
    const venue = (doc.pages[0]?.lines[0]?.items[0]?.str ?? "").trim() || null;
    const name = isParalympic(doc) ? "Tokyo 2020 Paralympic Games" : "Tokyo 2020 Olympic Games";
    const { swims, warnings } = parseOrisResults(doc, { course: null });
    return {
      meet: orisMeet(doc, { name, venue, course: null, software: "Omega ORIS (Olympic)" }),
      swims,
      warnings,
    };
  },
};
