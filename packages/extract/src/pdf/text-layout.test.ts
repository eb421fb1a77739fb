/**
 * The PDFium text layer: lines rebuilt from positioned text, rotated text left out, the document's
 * metadata, and stopping early when told.
 */
import { degrees, PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { makePdf } from "../test-support/make-pdf.ts";
import { readPdfText } from "./text-layout.ts";

async function pdfWithRotatedLabel(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText("1 Quillfeather, Ada", { x: 40, y: 742, size: 9, font });
  page.drawText("1:02.34", { x: 300, y: 742, size: 9, font });
  // A vertical label in the margin, as some meet software prints its licence.
  page.drawText("Licensed to Invented Swim Club", { x: 570, y: 300, size: 8, font, rotate: degrees(90) });
  return doc.save({ useObjectStreams: false });
}

describe("readPdfText", () => {
  it("leaves rotated text out and keeps the row's cells with their columns", async () => {
    const doc = await readPdfText(await pdfWithRotatedLabel());
    const texts = doc.pages[0]!.lines.map((line) => line.text.trim());
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^1 Quillfeather, Ada\s+1:02\.34$/);
    const [name, time] = doc.pages[0]!.lines[0]!.items;
    expect(name).toMatchObject({ str: "1 Quillfeather, Ada", size: 9 });
    expect(name!.x).toBeCloseTo(40, 0);
    expect(time!.x).toBeCloseTo(300, 0);
    expect(doc.pages[0]!.lines[0]!.y).toBeCloseTo(100, 0);
  });

  it("reads producer, creator and title, and null where they are missing", async () => {
    const withMeta = await readPdfText(
      await makePdf({
        producer: "Invented Producer 2.0",
        creator: "Invented Creator",
        title: "Invented Gala Results",
        pages: [{ lines: [{ y: 50, items: [{ x: 40, text: "Results" }] }] }],
      }),
    );
    expect(withMeta).toMatchObject({
      producer: "Invented Producer 2.0",
      creator: "Invented Creator",
      title: "Invented Gala Results",
    });
    const without = await readPdfText(
      await makePdf({ pages: [{ lines: [{ y: 50, items: [{ x: 40, text: "Results" }] }] }] }),
    );
    expect(without).toMatchObject({ producer: null, creator: null, title: null });
  });

  it("stops after the page at which stopWhen says so", async () => {
    const pages = Array.from({ length: 40 }, (_, i) => ({
      lines: [{ y: 50, items: [{ x: 40, text: `Page ${i + 1}` }] }],
    }));
    const bytes = await makePdf({ pages });
    const whole = await readPdfText(bytes);
    // Past the 32 pages after which the reader reopens the document, every page still reads.
    expect(whole.pages.map((page) => page.lines[0]!.text.trim())).toEqual(
      pages.map((_, i) => `Page ${i + 1}`),
    );
    const early = await readPdfText(bytes, { stopWhen: (sofar) => sofar.pages.length === 2 });
    expect(early.pages).toHaveLength(2);
  });
});
