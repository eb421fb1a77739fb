/** Parser for EasyWk "Protokoll" results (German meets): meet details from the cover, swims from the lists. */
import type { Course, Meet } from "@splitstream/shared";
import type { PdfText } from "../pdf/text-layout.ts";
import { readEasyWkResults } from "./easywk-results.ts";
import type { FormatParser } from "./format-parser.ts";
import { isoDay } from "./iso-day.ts";

const GERMAN_DATE = /(\d{1,2})\.(\d{1,2})\.(\d{4})/g;

function firstLines(doc: PdfText, pages: number): string[] {
  return doc.pages.slice(0, pages).flatMap((page) => page.lines.map((line) => line.text.trim()));
}

export function isEasyWkDocument(doc: PdfText): boolean {
  if (/easywk/i.test(doc.creator ?? "") || /easywk/i.test(doc.producer ?? "")) return true;
  return firstLines(doc, 2).some((line) => /erzeugt mit EasyWk|\bEasyWk\b/i.test(line));
}

/**
 * "4 Bahnen á 25m" / "Bahnlänge: 50m" on the cover: the pool length decides the course; else
 * "Kurzbahn" / "Langbahn" (short / long course) where the cover or meet name says it.
 */
export function easyWkCourse(doc: PdfText): Course | null {
  const lines = firstLines(doc, 2);
  for (const line of lines) {
    const match = /Bahnen\s*[àáa]\s*(25|50)\s*m|Bahnl(?:ä|ae)nge:?\s*(25|50)\s*m|(25|50)\s*m[- ]Becken/i.exec(
      line,
    );
    if (match) return (match[1] ?? match[2] ?? match[3]) === "50" ? "LCM" : "SCM";
  }
  for (const line of lines) {
    if (/kurzbahn/i.test(line)) return "SCM";
    if (/langbahn/i.test(line)) return "LCM";
  }
  return null;
}

function easyWkMeet(doc: PdfText, course: Course | null): Meet {
  // Every results page starts with the meet name on the left and "Seite N" on the right.
  let name: string | null = null;
  for (const page of doc.pages.slice(0, 6)) {
    const header = page.lines.find((line) =>
      line.items.some((item) => /^Seite\s+\d+$/.test(item.str.trim())),
    );
    const left = header?.items[0]?.str.trim();
    if (left && !/^Seite/.test(left)) {
      name = left;
      break;
    }
  }
  const cover = doc.pages[0]?.lines ?? [];
  const span = cover.map((line) => line.text).find((text) => /\bvom\b.*\bbis\b/i.test(text)) ?? "";
  const dates = [...span.matchAll(GERMAN_DATE)].flatMap((m) => isoDay(m[3]!, m[2]!, m[1]!) ?? []);
  return {
    name,
    startDate: dates[0] ?? null,
    endDate: dates[dates.length - 1] ?? null,
    course,
    venue: coverVenue(doc),
    software: "EasyWk",
  };
}

/** The pool's name under "Schwimmbad-Adresse" plus the town of its postcode line. */
function coverVenue(doc: PdfText): string | null {
  const lines = doc.pages[0]?.lines ?? [];
  const headIndex = lines.findIndex((line) =>
    line.items.some((item) => /Schwimmbad-Adresse/i.test(item.str)),
  );
  if (headIndex < 0) return null;
  const head = lines[headIndex]!.items.find((item) => /Schwimmbad-Adresse/i.test(item.str))!;
  // The address column is the one whose items sit closest to the heading (left or right aligned).
  const below = lines.slice(headIndex + 1, headIndex + 6).map((line) => {
    let best = line.items[0];
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const item of line.items) {
      const distance = Math.min(Math.abs(item.x - head.x), Math.abs(item.right - head.right));
      if (distance < bestDistance) {
        best = item;
        bestDistance = distance;
      }
    }
    return bestDistance < 40 ? (best?.str.trim() ?? "") : "";
  });
  // The other column can run one line ahead (pool facts beside an empty address cell).
  const pool = below.find((text) => text !== "") ?? null;
  const town = below.map((text) => /^\d{4,5}\s+(.+)$/.exec(text)?.[1]).find((t) => t !== undefined);
  if (pool && town && !pool.includes(town)) return `${pool}, ${town}`;
  return pool ?? town ?? null;
}

export const easywkParser: FormatParser = {
  id: "easywk",
  detect: isEasyWkDocument,
  parse(doc) {
    const course = easyWkCourse(doc);
    const { swims, warnings } = readEasyWkResults(doc, course);
    return { meet: easyWkMeet(doc, course), swims, warnings };
  },
};
