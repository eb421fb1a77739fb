/**
 * Robustness: random, truncated and byte-mutated PDFs must each end in an ExtractionOutput or an
 * ExtractionError with a known code, never another exception and never a hang.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractionOutputSchema, JOB_ERROR_CODES } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR as CORPUS } from "./accuracy/corpus-dir.ts";
import { ExtractionError } from "./errors.ts";
import { extractMeet } from "./extract-meet.ts";
import { makeEncryptedPdf } from "./test-support/make-encrypted-pdf.ts";
import { makePdfFromText } from "./test-support/make-pdf.ts";

const CASE_TIMEOUT_MS = 15_000;

/** mulberry32: a tiny seeded PRNG, so a failing case can be reproduced from its name. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(random: () => number, length: number, prefix = ""): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  bytes.set(new TextEncoder().encode(prefix), 0);
  return bytes;
}

function mutate(random: () => number, source: Uint8Array, flips: number): Uint8Array {
  const bytes = new Uint8Array(source);
  for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
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

describe("fuzzed documents", () => {
  const random = prng(20_311_124);
  const dir = mkdtempSync(join(tmpdir(), "extract-fuzz-"));
  const cases: { name: string; file: string }[] = [];
  const add = (name: string, bytes: Uint8Array) => {
    const file = join(dir, `${cases.length}-${name.replace(/[^\w.-]+/g, "_")}.pdf`);
    writeFileSync(file, bytes);
    cases.push({ name, file });
  };
  for (let i = 0; i < 3; i++)
    add(`random ${i}`, randomBytes(random, 200 + Math.floor(random() * 4000), i > 0 ? "%PDF-1.7\n" : ""));

  const haveCorpus = existsSync(join(CORPUS, "pdf"));
  if (!haveCorpus) {
    console.warn(
      `\n!!! robustness.test.ts: corpus not found at ${CORPUS}; truncated and mutated corpus cases are SKIPPED (only random-bytes cases run).\n`,
    );
  } else {
    // Small files of several producers keep the run short while covering different PDF structures.
    const picks = ["hytek", "splash", "olympic", "omega", "easywk", "isl"]
      .flatMap((family) => {
        const folder = join(CORPUS, "pdf", family);
        if (!existsSync(folder)) return [];
        const files = readdirSync(folder)
          .filter((f) => f.endsWith(".pdf"))
          .map((f) => join(folder, f))
          .sort((a, b) => readFileSync(a).length - readFileSync(b).length);
        return files.slice(0, 1);
      })
      .slice(0, 6);
    for (const file of picks) {
      const bytes = new Uint8Array(readFileSync(file));
      const label = file.split("/").slice(-2).join("/");
      add(`truncated ${label}`, bytes.slice(0, Math.floor(bytes.length * (0.1 + random() * 0.8))));
      add(`mutated ${label}`, mutate(random, bytes, 1 + Math.floor(random() * 40)));
      add(`heavily mutated ${label}`, mutate(random, bytes, 200 + Math.floor(random() * 2000)));
    }
  }

  it(`every case (${cases.length}) ends in an output or a known error code, within ${CASE_TIMEOUT_MS / 1000} s each`, async () => {
    // In-process with a per-case deadline: pdfjs's hangs are promises that never settle, which the race
    // catches, and vitest fails the run on any stray unhandled rejection. (The accuracy pool runs files in
    // child processes and kills them, which also covers loops that never yield.)
    const known = new Set<string>(JOB_ERROR_CODES);
    const bad: string[] = [];
    for (const { name, file } of cases) {
      const bytes = new Uint8Array(readFileSync(file));
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
    expect(bad).toEqual([]);
  }, 60_000);
});
