/**
 * Reads a PDF's text with positions (pdfjs-dist) and rebuilds it into lines of positioned items,
 * which every format parser works from. Classifies unreadable documents into error codes.
 */
import { ExtractionError } from "../errors.ts";

export interface TextItem {
  /** Left edge in PDF points from the page's left. */
  x: number;
  /** Right edge (x + width). */
  right: number;
  str: string;
  /** Font size (height) in points. */
  size: number;
  fontName: string;
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

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

/** True when the bytes start like a PDF (allowing a little leading junk, as readers do). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes(PDF_MAGIC);
}

/** Told the page count once the document opens (0 read), then again after each page is read. */
export type PageProgress = (pagesRead: number, pageCount: number) => void;

export interface ReadPdfTextOptions {
  onPage?: PageProgress;
}

export async function readPdfText(bytes: Uint8Array, options: ReadPdfTextOptions = {}): Promise<PdfText> {
  if (!looksLikePdf(bytes)) {
    throw new ExtractionError("NOT_PDF", "The file is not a PDF (it does not start with %PDF-).");
  }
  const pdfjs = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    throw classifyOpenError(error);
  }
  try {
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    const pages: Page[] = [];
    tellProgress(options.onPage, 0, doc.numPages);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      const baselines: number[] = [];
      for (const raw of content.items) {
        if (!("str" in raw) || raw.str.trim() === "") continue;
        const [a, b, , d, e, f] = raw.transform as number[];
        // Skip rotated text (watermarks, vertical labels): it does not belong to table rows.
        if (Math.abs(b ?? 0) > 0.01 && Math.abs(a ?? 1) < 0.01) continue;
        const size = Math.abs(d ?? raw.height) || raw.height;
        items.push({ x: e ?? 0, right: (e ?? 0) + raw.width, str: raw.str, size, fontName: raw.fontName });
        baselines.push(viewport.height - (f ?? 0));
      }
      pages.push({
        number: n,
        width: viewport.width,
        height: viewport.height,
        lines: groupLines(items, baselines),
      });
      page.cleanup();
      tellProgress(options.onPage, n, doc.numPages);
    }
    return {
      pages,
      producer: stringOrNull(info.Producer),
      creator: stringOrNull(info.Creator),
      title: stringOrNull(info.Title),
    };
  } finally {
    await doc.destroy();
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

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function classifyOpenError(error: unknown): ExtractionError {
  const name = (error as { name?: string })?.name ?? "";
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === "PasswordException") {
    return new ExtractionError("ENCRYPTED_PDF", "The PDF is password-protected; upload an unprotected copy.");
  }
  return new ExtractionError("CORRUPT_PDF", `The PDF is damaged and cannot be read (${message}).`);
}

/** Groups items whose baselines are within a fraction of the font size into lines. */
function groupLines(items: TextItem[], baselines: number[]): Line[] {
  const order = items
    .map((_, i) => i)
    .sort((i, j) => baselines[i]! - baselines[j]! || items[i]!.x - items[j]!.x);
  const lines: Line[] = [];
  let current: { y: number; items: TextItem[]; tolerance: number } | undefined;
  for (const i of order) {
    const item = items[i]!;
    const y = baselines[i]!;
    if (current && Math.abs(y - current.y) <= current.tolerance) {
      current.items.push(item);
      continue;
    }
    if (current) lines.push(finishLine(current.y, current.items));
    current = { y, items: [item], tolerance: Math.max(1.5, item.size * 0.35) };
  }
  if (current) lines.push(finishLine(current.y, current.items));
  return lines;
}

function finishLine(y: number, items: TextItem[]): Line {
  items.sort((p, q) => p.x - q.x);
  const merged: TextItem[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    // Fragments that touch (kerning splits, per-glyph items) belong to one word.
    if (last && item.x - last.right < Math.max(0.6, last.size * 0.12) && item.x >= last.x) {
      last.str += item.str;
      last.right = Math.max(last.right, item.right);
      continue;
    }
    merged.push({ ...item });
  }
  return { y, items: merged, text: layoutText(merged) };
}

/** Joins items with spaces proportional to the gaps between them (about one space per character width). */
function layoutText(items: TextItem[]): string {
  let text = "";
  let column = 0;
  for (const item of items) {
    const charWidth = Math.max(2, (item.size || 8) * 0.5);
    const target = Math.round(item.x / charWidth);
    if (text.length > 0) {
      const gap = Math.max(1, target - column);
      text += " ".repeat(gap);
    } else {
      text += " ".repeat(Math.max(0, Math.min(target, 40)));
    }
    text += item.str;
    column = text.length;
  }
  return text.trimEnd();
}
