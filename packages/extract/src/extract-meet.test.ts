import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR as CORPUS } from "./accuracy/corpus-dir.ts";
import { ExtractionError } from "./errors.ts";
import { extractMeet } from "./extract-meet.ts";
import type { FormatParser } from "./parsers/format-parser.ts";
import { makePdfFromText } from "./test-support/make-pdf.ts";
import { makeSwim } from "./test-support/make-swim.ts";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof ExtractionError) return error.code;
    throw error;
  }
}

/** A stand-in parser: claims documents whose first line contains `marker`, returns one invented swim. */
function fakeParser(marker: string, course: "SCY" | "SCM" | "LCM" | null = null): FormatParser {
  return {
    id: "hytek",
    detect: (doc) => doc.pages[0]?.lines[0]?.text.includes(marker) ?? false,
    parse: () => ({
      meet: {
        name: "Invented Invitational",
        startDate: null,
        endDate: null,
        course,
        venue: null,
        software: "Fake",
      },
      swims: [makeSwim({ event: { course: null } })],
      warnings: [],
    }),
  };
}

describe("extractMeet", () => {
  it("hands a recognised document to the first parser that detects it, and validates the output", async () => {
    const bytes = await makePdfFromText([
      ["FAKE MEET SOFTWARE   Results", "Event 1 Girls 100 Free", "SC Meter"],
    ]);
    const out = await extractMeet(bytes, {
      parsers: [fakeParser("NOPE"), fakeParser("FAKE")],
      validate: true,
    });
    expect(out.swims).toHaveLength(1);
    expect(out.meet.course).toBe("SCM");
    expect(out.swims[0]!.event.course).toBe("SCM");
    expect(out.warnings.some((w) => /inferred as SCM/.test(w))).toBe(true);
  });

  it("infers yards from a yards event name", async () => {
    const bytes = await makePdfFromText([["FAKE   Results", "Event 3 Boys 50 Yard Freestyle"]]);
    const out = await extractMeet(bytes, { parsers: [fakeParser("FAKE")] });
    expect(out.meet.course).toBe("SCY");
  });

  it("keeps a course the parser read, without a warning", async () => {
    const bytes = await makePdfFromText([["FAKE   Results"]]);
    const out = await extractMeet(bytes, { parsers: [fakeParser("FAKE", "LCM")] });
    expect(out.meet.course).toBe("LCM");
    expect(out.swims[0]!.event.course).toBe("LCM");
    expect(out.warnings.filter((w) => /inferred/.test(w))).toHaveLength(1);
  });

  it("says UNSUPPORTED_FORMAT with what it saw when no parser recognises the layout", async () => {
    const bytes = await makePdfFromText([["Mystery Timing Co.  Results", "Race 1"]], {
      producer: "Mystery 2.0",
    });
    const error = await extractMeet(bytes, { parsers: [fakeParser("FAKE")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe("UNSUPPORTED_FORMAT");
    expect((error as ExtractionError).message).toMatch(/Mystery 2\.0/);
    expect((error as ExtractionError).message).toMatch(/Race 1/);
  });

  it("says a PDF without a text layer cannot be read without OCR", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const error = await extractMeet(await doc.save(), { parsers: [fakeParser("FAKE")] }).catch(
      (e: unknown) => e,
    );
    expect((error as ExtractionError).code).toBe("UNSUPPORTED_FORMAT");
    expect((error as ExtractionError).message).toMatch(/no text layer/);
    expect((error as ExtractionError).message).toMatch(/OCR/);
  });

  it("warns about pages without text in an otherwise readable document", async () => {
    const bytes = await makePdfFromText([["FAKE   Results"], []]);
    const out = await extractMeet(bytes, { parsers: [fakeParser("FAKE", "SCM")] });
    expect(out.warnings.some((w) => /Page\(s\) 2 have no text layer/.test(w))).toBe(true);
  });

  it("wraps a parser crash into INTERNAL", async () => {
    const bytes = await makePdfFromText([["FAKE   Results"]]);
    const crashing: FormatParser = {
      ...fakeParser("FAKE"),
      parse: () => {
        throw new TypeError("boom");
      },
    };
    expect(await codeOf(extractMeet(bytes, { parsers: [crashing] }))).toBe("INTERNAL");
  });

  it("rejects bytes that are not a PDF", async () => {
    expect(await codeOf(extractMeet(new TextEncoder().encode("hello")))).toBe("NOT_PDF");
  });

  it.each([
    ["an entry list", ["Invented Cup 2031", "Meldeergebnis", "Veranstalter: Invented SV"]],
    [
      "a start list",
      [
        "Wettkampf 3 - 50m Freistil weiblich",
        "Lauf 1",
        "Bahn   Schwimmerin   Jg.   Verein   Meldezeit",
        "Bahn 2   Quillfeather, Ada   2012   Otter SV   00:41,20",
      ],
    ],
    ["a psych sheet", ["Invented Championships", "Psych Sheet", "Event 1 Girls 100 Free"]],
    ["a top-times report", ["HY-TEK's TEAM MANAGER", "Individual Top Times", "Women 50 Free"]],
    [
      "a certificate",
      ["Ada Quillfeather", "Otter SV", "belegte im Jahrgang 2012", "über 100 m Freistil", "den 3. Platz"],
    ],
  ])("says NOT_RESULTS for %s before any parser runs", async (_kind, rows) => {
    const bytes = await makePdfFromText([rows]);
    expect(await codeOf(extractMeet(bytes, { parsers: [fakeParser("")] }))).toBe("NOT_RESULTS");
  });

  it("does not take a results page that mentions entries for an entry list", async () => {
    const bytes = await makePdfFromText([
      ["FAKE   Protokoll", "Meldungen: 12", "Platz Name Jg. Verein Meldezeit Endzeit"],
    ]);
    expect(await codeOf(extractMeet(bytes, { parsers: [fakeParser("FAKE", "SCM")] }))).toBe("ok");
  });
});

describe.runIf(existsSync(join(CORPUS, "pdf/not-results")))(
  "corpus documents that are not results",
  async () => {
    const dir = join(CORPUS, "pdf/not-results");
    const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith(".pdf")) : [];
    it.each(files)(
      "%s -> NOT_RESULTS",
      async (file) => {
        const bytes = new Uint8Array(await readFile(join(dir, file)));
        expect(await codeOf(extractMeet(bytes, { parsers: [fakeParser("")] }))).toBe("NOT_RESULTS");
      },
      60_000,
    );
  },
);
