import { describe, expect, it } from "vitest";
import { readPdfText } from "../pdf/text-layout.ts";
import { makePdf, makePdfFromText } from "./make-pdf.ts";

describe("makePdf", () => {
  it("places items where readPdfText finds them, with the given metadata", async () => {
    const bytes = await makePdf({
      producer: "Invented Producer 1.0",
      creator: "Invented Creator",
      pages: [
        { lines: [{ y: 50, items: [{ x: 40, text: "Event 1 Girls 100 Free" }] }] },
        {
          lines: [
            {
              y: 60,
              items: [
                { x: 30, text: "1" },
                { x: 60, text: "Quillfeather, Ada" },
                { x: 300, text: "1:02.34" },
              ],
            },
          ],
        },
      ],
    });
    const doc = await readPdfText(bytes);
    expect(doc.producer).toBe("Invented Producer 1.0");
    expect(doc.creator).toBe("Invented Creator");
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.lines[0]!.text.trim()).toBe("Event 1 Girls 100 Free");
    const row = doc.pages[1]!.lines[0]!;
    expect(row.y).toBeCloseTo(60, 0);
    expect(row.items.map((i) => i.str)).toEqual(["1", "Quillfeather, Ada", "1:02.34"]);
    expect(row.items[2]!.x).toBeCloseTo(300, 0);
  });

  it("keeps columns of monospaced rows and sets no default producer", async () => {
    const bytes = await makePdfFromText([
      ["  1 Quillfeather, Ada     12 Otter SC     1:02.34", "second row"],
    ]);
    const doc = await readPdfText(bytes);
    expect(doc.producer).toBeNull();
    const [first, second] = doc.pages[0]!.lines;
    // The text layer may split a cell at its spaces; the columns (x) are what fixtures must keep.
    expect(first!.text).toMatch(/1 Quillfeather, Ada\s+12\s+Otter\s+SC\s+1:02\.34/);
    const time = first!.items.find((i) => i.str === "1:02.34")!;
    expect(time.x).toBeCloseTo(20 + 42 * 4.8, 0);
    expect(second!.text.trim()).toBe("second row");
  });
});
