/** Parser for Hy-Tek Meet Manager results: the Crystal Reports PDF and the HTML report printed to PDF. */
import type { PdfText } from "../pdf/text-layout.ts";
import type { FormatParser } from "./format-parser.ts";
import { HYTEK_LINE, hytekMeet, isDayFirst } from "./hytek-meet.ts";
import { readHytekResults } from "./hytek-results.ts";
import { plainText } from "./hytek-words.ts";

/** Every Hy-Tek page header names the software ("HY-TEK's MEET MANAGER 7.0"); the metadata says only "Crystal Reports". */
export function isHytekDocument(doc: PdfText): boolean {
  if (/hy-?tek/i.test(doc.producer ?? "") || /hy-?tek/i.test(doc.creator ?? "")) return true;
  return doc.pages
    .slice(0, 3)
    .some((page) => page.lines.slice(0, 8).some((line) => HYTEK_LINE.test(plainText(line))));
}

export const hytekParser: FormatParser = {
  id: "hytek",
  detect: isHytekDocument,
  parse(doc) {
    // The meet's days come first: session titles ("Day 2", "Friday PM") are read against them.
    const days = hytekMeet(doc, []);
    const { swims, warnings } = readHytekResults(doc, { ...days, dayFirst: isDayFirst(doc) });
    const meet = hytekMeet(
      doc,
      swims.map((swim) => swim.event.course),
    );
    return { meet, swims, warnings };
  },
};
