/**
 * Reads one page's text from PDFium as the items pdfjs used to give: runs of one text object's text,
 * cut where a gap is wider than a space, joined across text objects where the text flows on.
 */
import type { Pdfium } from "./pdfium.ts";
import type { TextItem } from "./text-layout.ts";

export interface PageRuns {
  items: TextItem[];
  /** Baseline of each item, from the page's top, in points. */
  baselines: number[];
}

/**
 * Text objects that follow each other with a gap up to this (in font sizes) are one item: pdfjs's rule
 * (its SPACE_IN_FLOW_MAX_FACTOR), which the parsers were written against.
 */
const FLOW_GAP_EM = 0.6;
/**
 * Inside one text object, a space whose gap is wider than this (in font sizes) stands for a run of
 * spaces (PDFium keeps one) and ends the item; a little over FLOW_GAP_EM, so that a monospaced
 * font's single space (exactly 0.6) does not cut words apart by a rounding error.
 */
const SPLIT_GAP_EM = 0.66;
/** Steps wider than this (in font sizes) are a space between words, narrower ones letter spacing. */
const SPACE_EM = 0.102;
/** Text that starts this far (in font sizes) back over the last still continues it. */
const OVERLAP_EM = 0.2;
/** Text whose baseline is within this (in font sizes) of the last one's is on its line. */
const SAME_BASELINE_EM = 0.25;

const utf16 = new TextDecoder("utf-16le");

/** A stretch of characters [first, last] that becomes (or joins) one item. */
interface Cell {
  first: number;
  last: number;
  x: number;
  y: number;
  right: number;
}

/**
 * The page's text comes in one call; the only call per character asks which text object it belongs
 * to (a lookup; PDFium has no bulk call for it). Positions are asked per run and per space: the first
 * character's origin, the last one's advance, and the two sides of each space.
 */
export function readPageRuns(
  pdfium: Pdfium,
  textPage: number,
  pageHeight: number,
  scratch: number,
): PageRuns {
  const { call } = pdfium;
  const items: TextItem[] = [];
  const baselines: number[] = [];
  const count = call.FPDFText_CountChars(textPage);
  if (count <= 0) return { items, baselines };
  const text = pageText(pdfium, textPage, count);
  // One character per UTF-16 unit, unless the page has characters beyond the BMP.
  const unitOf = text.length === count ? null : unitOffsets(text, count);
  const unitAt = (index: number): number => (unitOf ? unitOf[index]! : index);
  const spaceAt = (index: number): boolean => index < count && isSpace(text.charCodeAt(unitAt(index)));

  // Views on the scratch memory, made again only when the memory has grown (and replaced its buffer).
  let buffer: ArrayBuffer | null = null;
  let doubles = new Float64Array(0);
  let floats = new Float32Array(0);
  const views = () => {
    const memory = pdfium.memory();
    if (memory !== buffer) {
      buffer = memory;
      doubles = new Float64Array(memory, scratch, 2);
      floats = new Float32Array(memory, scratch, 4);
    }
  };
  const origin = (index: number): [x: number, y: number] => {
    call.FPDFText_GetCharOrigin(textPage, index, scratch, scratch + 8);
    views();
    return [doubles[0]!, doubles[1]!];
  };
  /** Where the character's advance ends (FPDFText_GetLooseCharBox: FS_RECTF left, top, right, bottom). */
  const advanceEnd = (index: number): number => {
    call.FPDFText_GetLooseCharBox(textPage, index, scratch);
    views();
    return floats[2]!;
  };

  /** Splits [first, last] where PDFium's one kept space of a run of spaces stood for a wide gap. */
  const cellsBySpaces = (first: number, last: number, size: number): Cell[] => {
    const cells: Cell[] = [];
    let [x, y] = origin(first);
    let cellFirst = first;
    for (let i = first + 1; i < last; i++) {
      if (!spaceAt(i)) continue;
      let after = i + 1;
      while (spaceAt(after)) after++;
      const right = advanceEnd(i - 1);
      const [nextX, nextY] = origin(after);
      if (nextX - right > size * SPLIT_GAP_EM) {
        cells.push({ first: cellFirst, last: i - 1, x, y, right });
        cellFirst = after;
        x = nextX;
        y = nextY;
      }
      i = after;
    }
    cells.push({ first: cellFirst, last, x, y, right: advanceEnd(last) });
    return cells;
  };

  /** Character by character, for a cell whose end lies before its start (text drawn out of order). */
  const cellsByPosition = (first: number, last: number, size: number): Cell[] => {
    const cells: Cell[] = [];
    let cell: Cell | null = null;
    for (let i = first; i <= last; i++) {
      if (spaceAt(i)) continue;
      const [x, y] = origin(i);
      const right = advanceEnd(i);
      const gap = cell ? x - cell.right : 0;
      if (cell && gap >= -size * OVERLAP_EM && gap <= size * SPLIT_GAP_EM && Math.abs(y - cell.y) <= size) {
        cell.last = i;
        cell.right = right;
        continue;
      }
      if (cell) cells.push(cell);
      cell = { first: i, last: i, x, y, right };
    }
    if (cell) cells.push(cell);
    return cells;
  };

  /** The font, size and baseline the last item ended with, to tell whether the next run goes on with it. */
  let flow: { font: number; size: number; y: number; itemCount: number } | null = null;

  const addRun = (start: number, end: number, object: number) => {
    // Like pdfjs's, an item neither starts nor ends with spaces.
    while (start < end && spaceAt(start)) start++;
    while (end > start && spaceAt(end - 1)) end--;
    if (start === end) return;
    call.FPDFText_GetMatrix(textPage, start, scratch);
    views();
    // FS_MATRIX a, b, c, d: the text's scale and rotation, to be multiplied by the font size.
    const [ma = 0, mb = 0, , md = 0] = floats;
    const fontSize = call.FPDFText_GetFontSize(textPage, start);
    const a = ma * fontSize;
    const b = mb * fontSize;
    const size = Math.abs(md * fontSize) || fontSize;
    // Skip rotated text (watermarks, vertical labels): it does not belong to table rows.
    if (Math.abs(b) > 0.01 && Math.abs(a) < 0.01) {
      flow = null;
      return;
    }
    const font = call.FPDFTextObj_GetFont(object);
    const cells = cellsBySpaces(start, end - 1, size).flatMap((cell) =>
      cell.right < cell.x - 0.01 ? cellsByPosition(cell.first, cell.last, size) : [cell],
    );
    cells.forEach((cell, n) => {
      const str = text.slice(unitAt(cell.first), unitAt(cell.last + 1));
      const previous = items[items.length - 1];
      const gap = previous ? cell.x - previous.right : 0;
      const goesOn =
        n === 0 &&
        previous !== undefined &&
        flow !== null &&
        flow.itemCount === items.length &&
        flow.font === font &&
        Math.abs(flow.size - size) < 0.01 &&
        Math.abs(flow.y - cell.y) <= size * SAME_BASELINE_EM &&
        gap >= -size * OVERLAP_EM &&
        gap <= size * FLOW_GAP_EM;
      if (goesOn) {
        // Text that goes on where the last text object stopped is one item, as pdfjs made it.
        previous.str += gap > size * SPACE_EM ? ` ${str}` : str;
        previous.right = Math.max(previous.right, cell.right);
      } else {
        items.push({ x: cell.x, right: Math.max(cell.x, cell.right), str, size });
        baselines.push(pageHeight - cell.y);
      }
      flow = { font, size, y: cell.y, itemCount: items.length };
    });
  };

  let runStart = -1;
  let runObject = 0;
  for (let i = 0; i < count; i++) {
    // Generated characters (the spaces and line breaks PDFium adds at gaps) belong to no text object.
    const object = call.FPDFText_GetTextObject(textPage, i);
    if (object === runObject && runStart >= 0) continue;
    if (runStart >= 0) addRun(runStart, i, runObject);
    runStart = object === 0 ? -1 : i;
    runObject = object;
  }
  if (runStart >= 0) addRun(runStart, count, runObject);
  return { items, baselines };
}

/** The page's text in one call (UTF-16, generated spaces and line breaks included). */
function pageText(pdfium: Pdfium, textPage: number, count: number): string {
  // Room for two UTF-16 units a character, should every one lie beyond the BMP.
  const buffer = pdfium.call.malloc((count + 1) * 4);
  try {
    const written = pdfium.call.FPDFText_GetText(textPage, 0, count, buffer);
    const units = Math.max(0, Math.min(written - 1, count * 2));
    return utf16.decode(new Uint8Array(pdfium.memory(), buffer, units * 2));
  } finally {
    pdfium.call.free(buffer);
  }
}

/** UTF-16 offset of each character (code point), for pages whose text has surrogate pairs. */
function unitOffsets(text: string, count: number): number[] {
  const offsets: number[] = [];
  let unit = 0;
  for (let i = 0; i < count && unit <= text.length; i++) {
    offsets.push(unit);
    unit += (text.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
  }
  while (offsets.length <= count) offsets.push(Math.min(unit, text.length));
  return offsets;
}

/** Space, no-break space, tab. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x09;
}
