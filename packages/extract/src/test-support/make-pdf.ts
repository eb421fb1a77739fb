/** Builds small PDFs with text at given positions, so tests can imitate real layouts with invented names. */
import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";

export type FixtureFont = "helvetica" | "helvetica-bold" | "courier" | "courier-bold" | "times";

export interface FixtureItem {
  /** Left edge in points from the page's left. */
  x: number;
  text: string;
  /** Font size in points; default 9. */
  size?: number;
  font?: FixtureFont;
}

export interface FixtureLine {
  /** Baseline in points from the page's TOP (same orientation as readPdfText's `y`). */
  y: number;
  items: FixtureItem[];
}

export interface FixturePage {
  lines: FixtureLine[];
  /** Page size in points; default A4 portrait (595 x 842). */
  width?: number;
  height?: number;
}

export interface FixtureSpec {
  producer?: string;
  creator?: string;
  title?: string;
  pages: FixturePage[];
}

const FONTS: Record<FixtureFont, StandardFonts> = {
  helvetica: StandardFonts.Helvetica,
  "helvetica-bold": StandardFonts.HelveticaBold,
  courier: StandardFonts.Courier,
  "courier-bold": StandardFonts.CourierBold,
  times: StandardFonts.TimesRoman,
};

/** Places each item's text at (x, y-from-top); standard fonts only, so text must be WinAnsi (Latin-1 + €). */
export async function makePdf(spec: FixtureSpec): Promise<Uint8Array> {
  // pdf-lib stamps its own producer/creator unless told not to; fixtures imitating meet software set theirs.
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (spec.producer !== undefined) doc.setProducer(spec.producer);
  if (spec.creator !== undefined) doc.setCreator(spec.creator);
  if (spec.title !== undefined) doc.setTitle(spec.title);
  const embedded = new Map<FixtureFont, PDFFont>();
  const font = async (name: FixtureFont): Promise<PDFFont> => {
    let f = embedded.get(name);
    if (!f) {
      f = await doc.embedFont(FONTS[name]);
      embedded.set(name, f);
    }
    return f;
  };
  for (const pageSpec of spec.pages) {
    const width = pageSpec.width ?? 595;
    const height = pageSpec.height ?? 842;
    const page = doc.addPage([width, height]);
    for (const line of pageSpec.lines) {
      for (const item of line.items) {
        if (item.text === "") continue;
        page.drawText(item.text, {
          x: item.x,
          y: height - line.y,
          size: item.size ?? 9,
          font: await font(item.font ?? "helvetica"),
        });
      }
    }
  }
  return doc.save({ useObjectStreams: false });
}

export interface TextPdfOptions {
  producer?: string;
  creator?: string;
  title?: string;
  /** Font size in points; default 8 (a Courier character is then 4.8 pt wide). */
  size?: number;
  font?: "courier" | "courier-bold";
}

/**
 * Lays out monospaced rows like a printed results page: each string is one row, each character one
 * column, so `"  1 Doe, Jane   12 Club   1:02.34"` keeps its columns. Runs of 2+ spaces split items,
 * which is how real tables come out of the text layer (one item per cell).
 */
export async function makePdfFromText(pages: string[][], options: TextPdfOptions = {}): Promise<Uint8Array> {
  const size = options.size ?? 8;
  const charWidth = size * 0.6;
  const lineHeight = size * 1.35;
  const left = 20;
  const top = 30;
  return makePdf({
    producer: options.producer,
    creator: options.creator,
    title: options.title,
    pages: pages.map((rows) => ({
      lines: rows.map((row, i) => ({
        y: top + i * lineHeight,
        items: splitCells(row).map((cell) => ({
          x: left + cell.column * charWidth,
          text: cell.text,
          size,
          font: options.font ?? "courier",
        })),
      })),
    })),
  });
}

function splitCells(row: string): { column: number; text: string }[] {
  const cells: { column: number; text: string }[] = [];
  for (const match of row.matchAll(/\S+(?: \S+)*/g)) {
    cells.push({ column: match.index ?? 0, text: match[0] });
  }
  return cells;
}
