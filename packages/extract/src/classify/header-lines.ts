/** The header text of a document (metadata and the first lines of its first pages) that classifiers read. */
import type { PdfText } from "../pdf/text-layout.ts";

/** First `perPage` lines of each of the first `pages` pages, whitespace collapsed. */
export function headerLines(doc: PdfText, pages = 2, perPage = 12): string[] {
  const lines: string[] = [];
  for (const page of doc.pages.slice(0, pages)) {
    for (const line of page.lines.slice(0, perPage)) {
      const text = line.text.replace(/\s+/g, " ").trim();
      if (text !== "") lines.push(text);
    }
  }
  return lines;
}

/** True when the document has pages but not one line of text (a scan without OCR). */
export function hasNoTextLayer(doc: PdfText): boolean {
  return doc.pages.length > 0 && doc.pages.every((page) => page.lines.length === 0);
}

/** Page numbers without any text, for a warning when only some pages are scans. */
export function pagesWithoutText(doc: PdfText): number[] {
  return doc.pages.filter((page) => page.lines.length === 0).map((page) => page.number);
}
