/**
 * Rebuilds positioned text items into lines: items on one baseline form a line, touching fragments of a
 * word merge, and the line's text gets spaces for horizontal gaps (like `pdftotext -layout`).
 */
import type { Line, TextItem } from "./text-layout.ts";

/** Groups items whose baselines are within a fraction of the font size into lines. */
export function groupLines(items: TextItem[], baselines: number[]): Line[] {
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
