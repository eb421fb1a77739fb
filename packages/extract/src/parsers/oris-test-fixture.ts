/** Test helper: builds ORIS-style result pages (invented names) with cells aligned left or right as printed. */
import { PDFDocument, StandardFonts } from "pdf-lib";
import { type PdfText, readPdfText } from "../pdf/text-layout.ts";
import { type FixtureLine, makePdf } from "../test-support/make-pdf.ts";

/** A cell: `[x, text]` starts at x; `[x, text, "r"]` ends at x (numbers are right-aligned on these sheets). */
export type Cell = [x: number, text: string] | [x: number, text: string, align: "r"];
export type Row = [y: number, ...cells: Cell[]];

const SIZE = 8;

/** Lays out the rows of each page and reads the PDF back, as the parsers see real sheets. */
export async function orisDoc(pages: Row[][]): Promise<PdfText> {
  const measure = await PDFDocument.create().then((doc) => doc.embedFont(StandardFonts.Helvetica));
  const toLine = ([y, ...cells]: Row): FixtureLine => ({
    y,
    items: cells.map(([x, text, align]) => ({
      x: align === "r" ? x - measure.widthOfTextAtSize(text, SIZE) : x,
      text,
      size: SIZE,
    })),
  });
  return readPdfText(await makePdf({ pages: pages.map((rows) => ({ lines: rows.map(toLine) })) }));
}
