/**
 * Cells placed as Hy-Tek Meet Manager 7 prints a Crystal Reports results page (US Letter, points from
 * the left): times right-aligned under their column labels. Lines go down the page from `startPage`.
 */
import type { FixtureItem, FixtureLine } from "./make-pdf.ts";

export const ROW = 9.4;
export const SMALL = 8.6;
const WIDTHS: Record<string, number> = {
  ".": 278,
  ":": 278,
  " ": 278,
  "(": 333,
  ")": 333,
  "+": 584,
  "-": 333,
};
const width = (text: string, size: number) =>
  [...text].reduce(
    (sum, char) => sum + (WIDTHS[char] ?? (/\d/.test(char) ? 556 : /[a-z]/.test(char) ? 500 : 667)),
    0,
  ) *
  (size / 1000);

let y = 0;
/** Starts a new page: the next line sits `gap` below `top`. */
export function startPage(top = 30): void {
  y = top;
}
export function line(items: FixtureItem[], gap = 12): FixtureLine {
  y += gap;
  return { y, items };
}
export const at = (x: number, text: string, size = ROW): FixtureItem => ({ x, text, size });
/** A cell whose right edge is at `right`. */
export const ra = (right: number, text: string, size = ROW): FixtureItem => ({
  x: right - width(text, size),
  text,
  size,
});
// The split slots' right edges.
const SLOTS = [125.9, 209.9, 293.9, 377.9];
export const splits = (...cells: string[]): FixtureLine =>
  line(
    cells.flatMap((cell, i) => (cell ? [ra(SLOTS[i]!, cell, SMALL)] : [])),
    11.5,
  );
