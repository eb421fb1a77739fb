/**
 * Splits Hy-Tek lines into words with their own left and right edges, so the Crystal Reports layout
 * (one item per cell) and the HTML report printed to PDF (one item per word or run of words) read alike.
 */
import type { Line, TextItem } from "../pdf/text-layout.ts";

export interface Word {
  str: string;
  x: number;
  right: number;
}

/** Each item's words, placed by their share of the item's characters (exact for monospace text). */
export function lineWords(items: TextItem[]): Word[] {
  const words: Word[] = [];
  for (const item of items) {
    const text = item.str;
    const width = (item.right - item.x) / Math.max(1, text.length);
    for (const match of text.matchAll(/\S+/g)) {
      const at = match.index ?? 0;
      words.push({ str: match[0], x: item.x + at * width, right: item.x + (at + match[0].length) * width });
    }
  }
  return words;
}

/** The line's text with runs of whitespace collapsed, for matching titles and headings. */
export function plainText(line: Line): string {
  return line.text.replace(/\s+/g, " ").trim();
}

/** Words joined back into text, whitespace collapsed (the HTML report pads names to justify them). */
export function joinWords(words: Word[]): string {
  return words
    .map((word) => word.str)
    .join(" ")
    .trim();
}
