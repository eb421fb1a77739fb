/**
 * The page progress extractMeet reports while it reads: the page count when the PDF opens, then each
 * page read, in order, and never a different output for having listened (or for a listener that throws).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ExtractionError } from "./errors.ts";
import { extractMeet } from "./extract-meet.ts";
import { makePdfFromText } from "./test-support/make-pdf.ts";

/** One Hy-Tek text-report page per event, with invented names, so the document is real results. */
function hytekPage(event: number): string[] {
  return [
    "                                 HY-TEK's MEET MANAGER 7.0  11/22/2023  11:47 AM",
    "                      Invented Autumn Meet - 10/26/2023 to 10/28/2023",
    "                                        Results",
    `Event  ${event}   Girls 9-10 100 Yard Freestyle`,
    "===============================================================================",
    "     Name                          Age Team                    Seed     Finals  Points",
    "===============================================================================",
    "   1 Quillfeather, Ada M            10 OTTR-XX              1:20.00    1:15.50      9",
    "   2 Brightwater, Nell               9 HERN-XX                   NT    1:18.20      7",
  ];
}

describe("extractMeet's page progress", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await makePdfFromText([1, 2, 3, 4, 5].map(hytekPage), {
      producer: "Acrobat Web Capture 15.0",
      creator: "Adobe Acrobat 17.0",
      size: 9,
    });
  });

  it("tells the page count on opening, then every page read, up to the last", async () => {
    const told: Array<[number, number]> = [];
    const output = await extractMeet(bytes, { onPage: (read, count) => told.push([read, count]) });
    expect(told).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(output.swims.length).toBeGreaterThan(0);
  });

  it("gives the same output with a listener, without one, and with one that throws", async () => {
    const plain = await extractMeet(bytes);
    const listened = await extractMeet(bytes, { onPage: () => {} });
    const throwing = await extractMeet(bytes, {
      onPage: () => {
        throw new Error("a broken progress listener");
      },
    });
    expect(listened).toEqual(plain);
    expect(throwing).toEqual(plain);
  });

  it("tells nothing for bytes that are not a PDF", async () => {
    const told: number[] = [];
    const error = await extractMeet(new TextEncoder().encode("not a pdf"), {
      onPage: (read) => told.push(read),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExtractionError);
    expect(told).toEqual([]);
  });
});
