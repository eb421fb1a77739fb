/**
 * Reads a PDF's text with positions (PDFium, WebAssembly) and rebuilds it into lines of positioned
 * items, which every format parser works from. Classifies unreadable documents into error codes.
 */
import { ExtractionError } from "../errors.ts";
import { groupLines } from "./group-lines.ts";
import { loadPdfium } from "./pdfium.ts";
import { PdfiumDocument } from "./pdfium-document.ts";

export interface TextItem {
  /** Left edge in PDF points from the page's left. */
  x: number;
  /** Right edge (x + width). */
  right: number;
  str: string;
  /** Font size (height) in points. */
  size: number;
}

export interface Line {
  /** Baseline from the page's top, in points (grows downwards). */
  y: number;
  /** Items sorted left to right; adjacent fragments of one word already merged. */
  items: TextItem[];
  /** The items joined, with runs of spaces standing for horizontal gaps (like `pdftotext -layout`). */
  text: string;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  lines: Line[];
}

export interface PdfText {
  pages: Page[];
  /** The document's Producer/Creator metadata, which often names the meet software. */
  producer: string | null;
  creator: string | null;
  title: string | null;
}

const PDF_MAGIC = "%PDF-";

/** True when the bytes start like a PDF (allowing a little leading junk, as readers do). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes(PDF_MAGIC);
}

/** Told the page count once the document opens (0 read), then again after each page is read. */
export type PageProgress = (pagesRead: number, pageCount: number) => void;

export interface ReadPdfTextOptions {
  onPage?: PageProgress;
  /** Asked after each page with the pages read so far; true stops reading (the rest is not needed). */
  stopWhen?: (sofar: PdfText) => boolean;
}

export async function readPdfText(bytes: Uint8Array, options: ReadPdfTextOptions = {}): Promise<PdfText> {
  if (!looksLikePdf(bytes)) {
    throw new ExtractionError("NOT_PDF", "The file is not a PDF (it does not start with %PDF-).");
  }
  const doc = PdfiumDocument.open(await loadPdfium(), bytes);
  try {
    const text: PdfText = {
      pages: [],
      producer: doc.metaText("Producer"),
      creator: doc.metaText("Creator"),
      title: doc.metaText("Title"),
    };
    tellProgress(options.onPage, 0, doc.pageCount);
    for (let n = 1; n <= doc.pageCount; n++) {
      const { width, height, items, baselines } = doc.readPage(n - 1);
      text.pages.push({ number: n, width, height, lines: groupLines(items, baselines) });
      tellProgress(options.onPage, n, doc.pageCount);
      if (n < doc.pageCount && options.stopWhen?.(text)) break;
    }
    return text;
  } finally {
    doc.close();
  }
}

/** Progress is for people watching: a listener that throws must not fail (or change) the reading. */
function tellProgress(onPage: PageProgress | undefined, pagesRead: number, pageCount: number): void {
  try {
    onPage?.(pagesRead, pageCount);
  } catch {
    // ignored on purpose: see above
  }
}
