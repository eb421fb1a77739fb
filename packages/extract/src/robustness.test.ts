/**
 * Robustness: random, truncated and byte-mutated PDFs must each end in an ExtractionOutput or an
 * ExtractionError with a known code, never another exception and never a hang. The cases are built
 * from invented fixtures with a fixed seed; bench/extract/fuzz.ts runs the same damage over the corpus.
 */
import { extractionOutputSchema, JOB_ERROR_CODES } from "@splitstream/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { ExtractionError } from "./errors.ts";
import { extractMeet } from "./extract-meet.ts";
import { makeEncryptedPdf } from "./test-support/make-encrypted-pdf.ts";
import { makePdf, makePdfFromText } from "./test-support/make-pdf.ts";
import { MUTATIONS, mutatePdf, prng } from "./test-support/mutate-pdf.ts";

const CASE_TIMEOUT_MS = 15_000;

function randomBytes(random: () => number, length: number, prefix = ""): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  bytes.set(new TextEncoder().encode(prefix), 0);
  return bytes;
}

async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    await extractMeet(bytes, { validate: true });
    return "ok";
  } catch (error) {
    if (error instanceof ExtractionError) return error.code;
    throw error;
  }
}

describe("unreadable documents", () => {
  it("says ENCRYPTED_PDF for a password-protected PDF", async () => {
    expect(await outcome(makeEncryptedPdf())).toBe("ENCRYPTED_PDF");
  });

  it("says CORRUPT_PDF (or reads what is there) for a truncated PDF", async () => {
    const whole = await makePdfFromText([
      ["Invented results page", "1 Quillfeather, Ada  1:02.34"],
      ["page two"],
    ]);
    for (const fraction of [0.2, 0.5, 0.8, 0.95]) {
      const code = await outcome(whole.slice(0, Math.floor(whole.length * fraction)));
      expect(["CORRUPT_PDF", "UNSUPPORTED_FORMAT", "ok"]).toContain(code);
    }
  });

  it("says NOT_PDF for an empty file and for text", async () => {
    expect(await outcome(new Uint8Array())).toBe("NOT_PDF");
    expect(await outcome(new TextEncoder().encode("Event 1 Girls 100 Free\n1 Doe, Jane 1:02.34"))).toBe(
      "NOT_PDF",
    );
  });
});

/** Two invented results documents of different layouts, the seeds of the damaged cases. */
async function fixtures(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const hytekPage = (event: number) => [
    "                                 HY-TEK's MEET MANAGER 7.0  11/22/2023  11:47 AM",
    "                      Invented Autumn Meet - 10/26/2023 to 10/28/2023",
    "                                        Results",
    `Event  ${event}   Girls 9-10 100 Yard Freestyle`,
    "     Name                          Age Team                    Seed     Finals  Points",
    "   1 Quillfeather, Ada M            10 OTTR-XX              1:20.00    1:15.50      9",
    "   2 Brightwater, Nell               9 HERN-XX                   NT    1:18.20      7",
  ];
  const textReport = await makePdfFromText([1, 2, 3].map(hytekPage), { producer: "Invented Producer" });
  const placed = await makePdf({
    producer: "Invented Meet Software 1.0",
    title: "Invented Spring Gala",
    pages: [1, 2].map((page) => ({
      lines: [
        {
          y: 60,
          items: [
            { x: 40, text: `Event ${page}`, size: 12 },
            { x: 200, text: "Boys, 50m Freestyle" },
          ],
        },
        {
          y: 90,
          items: [
            { x: 40, text: "1." },
            { x: 60, text: "MARSH, Tobias" },
            { x: 250, text: "Invented SC" },
            { x: 420, text: "27.41" },
          ],
        },
      ],
    })),
  });
  return [
    { name: "text report", bytes: textReport },
    { name: "placed cells", bytes: placed },
    { name: "encrypted", bytes: makeEncryptedPdf() },
  ];
}

describe("fuzzed documents", () => {
  const SEED = 20_311_124;
  const cases: { name: string; bytes: Uint8Array }[] = [];
  beforeAll(async () => {
    const random = prng(SEED);
    for (let i = 0; i < 3; i++)
      cases.push({
        name: `random ${i}`,
        bytes: randomBytes(random, 200 + Math.floor(random() * 4000), i > 0 ? "%PDF-1.7\n" : ""),
      });
    for (const fixture of await fixtures()) {
      for (const mutation of MUTATIONS) {
        const rounds = mutation === "no xref" ? 1 : 3;
        for (let round = 0; round < rounds; round++)
          cases.push({
            name: `${mutation} ${fixture.name} #${round}`,
            bytes: mutatePdf(random, fixture.bytes, mutation),
          });
      }
    }
  });

  it(`every case (seed ${SEED}) ends in an output or a known error code, within ${CASE_TIMEOUT_MS / 1000} s each`, async () => {
    // In-process with a per-case deadline, which catches a reader that waits for ever; one that loops
    // without yielding is caught by the parser threads' time limit (and bench/extract/fuzz.ts's pool).
    const known = new Set<string>(JOB_ERROR_CODES);
    const bad: string[] = [];
    for (const { name, bytes } of cases) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve("HANG"), CASE_TIMEOUT_MS);
      });
      const result = await Promise.race([
        extractMeet(bytes, { validate: true }).then(
          (output) => (extractionOutputSchema.safeParse(output).success ? "ok" : "invalid output"),
          (error: unknown) =>
            error instanceof ExtractionError
              ? error.code
              : `uncaught ${(error as Error)?.name}: ${String(error)}`,
        ),
        deadline,
      ]);
      clearTimeout(timer);
      if (result !== "ok" && (!known.has(result) || result === "INTERNAL")) bad.push(`${name}: ${result}`);
    }
    expect(cases.length).toBeGreaterThan(30);
    expect(bad).toEqual([]);
  }, 60_000);

  it("reads a PDF whose xref table is gone (PDFium rebuilds it), as before the damage", async () => {
    const [textReport] = await fixtures();
    const whole = await extractMeet(textReport!.bytes);
    const rebuilt = await extractMeet(mutatePdf(prng(SEED), textReport!.bytes, "no xref"));
    expect(rebuilt.swims).toEqual(whole.swims);
  });
});
