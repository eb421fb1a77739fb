/**
 * The page count taken when a PDF is stored (for the ETA): right with and without compressed object
 * streams, null for what it cannot count, and right on every PDF of the real-results corpus when present.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, corpusAvailable } from "../../../extract/src/accuracy/corpus-dir.ts";
import { countPdfPages } from "../../src/storage/count-pdf-pages.ts";

/** A PDF of blank pages with every object in the open (PDF 1.4 style), built by hand. */
function plainPdf(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, index) => `${index + 3} 0 R`).join(" ");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"),
  ];
  const body = objects.map((object, index) => `${index + 1} 0 obj\n${object}\nendobj\n`).join("");
  return new TextEncoder().encode(`%PDF-1.4\n${body}trailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

/** The same, with the catalog and the page tree compressed into an object stream (PDF 1.5 style). */
function objectStreamPdf(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, index) => `${index + 4} 0 R`).join(" ");
  const packed = ["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  const header = `1 0 2 ${packed[0]!.length + 1} `;
  const stream = deflateSync(Buffer.from(`${header}${packed.join(" ")}`, "latin1"));
  const head = Buffer.from(
    `%PDF-1.5\n3 0 obj\n<< /Type /ObjStm /N 2 /First ${header.length} /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`,
    "latin1",
  );
  const pageObjects = Array.from(
    { length: pages },
    (_, index) => `${index + 4} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n`,
  ).join("");
  const tail = Buffer.from(`\nendstream\nendobj\n${pageObjects}%%EOF\n`, "latin1");
  return new Uint8Array(Buffer.concat([head, stream, tail]));
}

describe("countPdfPages", () => {
  it("counts pages whose page tree sits in a compressed object stream", () => {
    const bytes = objectStreamPdf(5);
    expect(Buffer.from(bytes).toString("latin1")).not.toContain("/Count");
    expect(countPdfPages(bytes)).toBe(5);
  });

  it("counts pages of a PDF written without object streams", () => {
    const bytes = plainPdf(3);
    expect(Buffer.from(bytes).toString("latin1")).not.toContain("/ObjStm");
    expect(countPdfPages(bytes)).toBe(3);
  });

  it("gives null for bytes it cannot count", () => {
    expect(countPdfPages(new TextEncoder().encode("%PDF-1.4\nnothing here"))).toBeNull();
    expect(
      countPdfPages(new TextEncoder().encode("%PDF-1.5\n1 0 obj << /Type /ObjStm >> stream\nxx")),
    ).toBeNull();
  });

  it.skipIf(!corpusAvailable())("matches the page count of every corpus PDF", () => {
    const rows = readFileSync(join(CORPUS_DIR, "MANIFEST.tsv"), "utf8")
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split("\t"));
    const wrong = rows
      .map(([file, , , pages]) => ({
        file,
        pages: Number(pages),
        counted: countPdfPages(readFileSync(join(CORPUS_DIR, file!))),
      }))
      .filter((row) => row.counted !== row.pages);
    expect(wrong).toEqual([]);
    console.log(`[count-pdf-pages] ${rows.length} corpus PDFs counted right`);
  });
});
