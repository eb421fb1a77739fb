/**
 * One PDF opened in PDFium: its bytes copied into WebAssembly memory, its metadata, its pages' text
 * runs, and the classification of a document PDFium refuses (password or damage).
 */
import { ExtractionError } from "../errors.ts";
import { type PageRuns, readPageRuns } from "./page-text-runs.ts";
import type { Pdfium } from "./pdfium.ts";

/** FPDF_GetLastError codes for a password the document wants, or a security handler PDFium lacks. */
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;
/** Room for a text page's matrix, origin and box answers. */
const SCRATCH_BYTES = 64;
/**
 * PDFium keeps what it parsed for every page read until the document closes (a 251-page results
 * book grew its memory by 120 MB), and WebAssembly memory never shrinks: reopening the document
 * after this many pages keeps a parser thread's memory near what a few dozen pages need.
 */
const PAGES_PER_OPENING = 32;

export interface PdfiumPage extends PageRuns {
  width: number;
  height: number;
}

export class PdfiumDocument {
  readonly pageCount: number;
  private closed = false;
  private pagesSinceOpening = 0;

  private constructor(
    private readonly pdfium: Pdfium,
    private doc: number,
    private readonly data: number,
    private readonly length: number,
    private readonly scratch: number,
  ) {
    this.pageCount = pdfium.call.FPDF_GetPageCount(doc);
  }

  /** Opens the bytes, or throws ENCRYPTED_PDF / CORRUPT_PDF. Close it when done: it holds wasm memory. */
  static open(pdfium: Pdfium, bytes: Uint8Array): PdfiumDocument {
    const { call } = pdfium;
    // PDFium reads the document from its own memory for as long as it is open.
    const data = call.malloc(Math.max(1, bytes.length));
    new Uint8Array(pdfium.memory(), data, bytes.length).set(bytes);
    const doc = call.FPDF_LoadMemDocument(data, bytes.length, 0);
    if (doc === 0) {
      const error = call.FPDF_GetLastError();
      call.free(data);
      if (error === FPDF_ERR_PASSWORD || error === FPDF_ERR_SECURITY) {
        throw new ExtractionError(
          "ENCRYPTED_PDF",
          "The PDF is password-protected; upload an unprotected copy.",
        );
      }
      throw new ExtractionError(
        "CORRUPT_PDF",
        `The PDF is damaged and cannot be read (PDFium error ${error}).`,
      );
    }
    return new PdfiumDocument(pdfium, doc, data, bytes.length, call.malloc(SCRATCH_BYTES));
  }

  /** A document information entry (Producer, Creator, Title), trimmed; null when absent or blank. */
  metaText(tag: string): string | null {
    const { call } = this.pdfium;
    const tagBytes = new TextEncoder().encode(`${tag}\0`);
    const tagPointer = call.malloc(tagBytes.length);
    try {
      new Uint8Array(this.pdfium.memory(), tagPointer, tagBytes.length).set(tagBytes);
      // The answer is UTF-16LE with a terminating NUL; asking with no buffer gives its length in bytes.
      const length = call.FPDF_GetMetaText(this.doc, tagPointer, 0, 0);
      if (length <= 2) return null;
      const buffer = call.malloc(length);
      try {
        call.FPDF_GetMetaText(this.doc, tagPointer, buffer, length);
        const value = new TextDecoder("utf-16le").decode(
          new Uint8Array(this.pdfium.memory(), buffer, length - 2),
        );
        return value.trim() === "" ? null : value.trim();
      } finally {
        call.free(buffer);
      }
    } finally {
      call.free(tagPointer);
    }
  }

  /** The text runs of page `index` (0-based); throws CORRUPT_PDF when the page cannot be parsed. */
  readPage(index: number): PdfiumPage {
    const { call } = this.pdfium;
    if (this.pagesSinceOpening++ === PAGES_PER_OPENING) this.reopen();
    const page = call.FPDF_LoadPage(this.doc, index);
    if (page === 0) {
      throw new ExtractionError("CORRUPT_PDF", `The PDF is damaged: page ${index + 1} cannot be read.`);
    }
    try {
      const width = call.FPDF_GetPageWidthF(page);
      const height = call.FPDF_GetPageHeightF(page);
      const textPage = call.FPDFText_LoadPage(page);
      if (textPage === 0) return { width, height, items: [], baselines: [] };
      try {
        return { width, height, ...readPageRuns(this.pdfium, textPage, height, this.scratch) };
      } finally {
        call.FPDFText_ClosePage(textPage);
      }
    } finally {
      call.FPDF_ClosePage(page);
    }
  }

  /** Drops what PDFium cached for the pages read so far; the bytes stay where they are. */
  private reopen(): void {
    const { call } = this.pdfium;
    const doc = call.FPDF_LoadMemDocument(this.data, this.length, 0);
    // It opened once; should it not again, go on with the open one (and its caches).
    if (doc === 0) return;
    call.FPDF_CloseDocument(this.doc);
    this.doc = doc;
    this.pagesSinceOpening = 1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const { call } = this.pdfium;
    call.FPDF_CloseDocument(this.doc);
    call.free(this.data);
    call.free(this.scratch);
  }
}
