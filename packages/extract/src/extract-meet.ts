/**
 * The extraction entry point: PDF bytes -> every swim of the meet, via the text layer, the
 * not-results check, the first format parser that recognises the document, and course inference.
 */
import { type ExtractionOutput, extractionOutputSchema } from "@splitstream/shared";
import { hasNoTextLayer, headerLines, pagesWithoutText } from "./classify/header-lines.ts";
import { detectNotResults, NOT_RESULTS_HEADER_PAGES } from "./classify/not-results.ts";
import { inferCourse } from "./course/infer-course.ts";
import { ExtractionError } from "./errors.ts";
import { finishSwims } from "./finish-swims.ts";
import type { FormatParser } from "./parsers/format-parser.ts";
import { formatParsers } from "./parsers/registry.ts";
import { type PageProgress, type PdfText, readPdfText } from "./pdf/text-layout.ts";

export interface ExtractMeetOptions {
  /** Parsers to try in order; defaults to the registry. Tests pass their own. */
  parsers?: readonly FormatParser[];
  /** Check the output against the zod contract and fail with INTERNAL when it does not conform. */
  validate?: boolean;
  /** Told the page count when the PDF opens, then each page read; it never changes the output. */
  onPage?: PageProgress;
}

export async function extractMeet(
  bytes: Uint8Array,
  options: ExtractMeetOptions = {},
): Promise<ExtractionOutput> {
  const doc = await readText(bytes, options.onPage);
  return extractFromText(doc, options);
}

/** The steps after reading the text layer; exported for tools that already hold a PdfText. */
export function extractFromText(doc: PdfText, options: ExtractMeetOptions = {}): ExtractionOutput {
  if (doc.pages.length === 0) {
    throw new ExtractionError("CORRUPT_PDF", "The PDF has no pages.");
  }
  if (hasNoTextLayer(doc)) {
    throw new ExtractionError(
      "UNSUPPORTED_FORMAT",
      `The PDF has no text layer (all ${doc.pages.length} page(s) are images, e.g. a scan); text recognition (OCR) is not supported. Upload the results as the meet software exported them.`,
      { reason: "no_text_layer", pages: doc.pages.length },
    );
  }
  const notResults = detectNotResults(doc);
  if (notResults) {
    throw new ExtractionError(
      "NOT_RESULTS",
      `This document is ${/^[aeiou]/i.test(notResults.kind) ? "an" : "a"} ${notResults.kind}, not meet results ("${notResults.evidence.slice(0, 80)}"). Upload the results file of the meet.`,
      { kind: notResults.kind, evidence: notResults.evidence.slice(0, 200) },
    );
  }
  const parsers = options.parsers ?? formatParsers;
  const parser = parsers.find((candidate) => safeDetect(candidate, doc));
  if (!parser) {
    const header = headerLines(doc, 1, 6).map((line) => line.slice(0, 100));
    const seen = [
      doc.producer ? `producer "${doc.producer}"` : "no producer",
      doc.creator ? `creator "${doc.creator}"` : "no creator",
    ].join(", ");
    throw new ExtractionError(
      "UNSUPPORTED_FORMAT",
      `No parser recognises this results layout (${seen}; first lines: ${header.slice(0, 3).join(" | ")}).`,
      { producer: doc.producer, creator: doc.creator, title: doc.title, header },
    );
  }
  let parsed: ReturnType<FormatParser["parse"]>;
  try {
    parsed = parser.parse(doc);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    // A parser bug must not escape as an arbitrary exception: the pipeline records codes, not stacks.
    const message = error instanceof Error ? error.message : String(error);
    throw new ExtractionError("INTERNAL", `The ${parser.id} parser failed: ${message}`, {
      parser: parser.id,
    });
  }
  const warnings = [...parsed.warnings];
  const blank = pagesWithoutText(doc);
  if (blank.length > 0) {
    warnings.push(
      `Page(s) ${blank.join(", ")} have no text layer (images only); swims printed there could not be read.`,
    );
  }
  if (parsed.swims.length === 0) {
    warnings.push("The document was recognised, but no swims were found in it.");
  }
  const swims = finishSwims(parsed.meet, parsed.swims);
  const output = inferCourse({ meet: parsed.meet, swims, warnings }, doc, parser.id);
  if (options.validate) {
    const result = extractionOutputSchema.safeParse(output);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ExtractionError(
        "INTERNAL",
        `The ${parser.id} parser produced output that breaks the contract at ${issue?.path.join(".")}: ${issue?.message}`,
        { parser: parser.id, issues: result.error.issues.slice(0, 5) },
      );
    }
  }
  return output;
}

async function readText(bytes: Uint8Array, onPage: PageProgress | undefined): Promise<PdfText> {
  try {
    // An entry list, start list or certificate shows itself in its first pages: its other pages
    // (often most of a long document) need not be read just to be turned down.
    return await readPdfText(bytes, {
      onPage,
      stopWhen: (sofar) =>
        sofar.pages.length === NOT_RESULTS_HEADER_PAGES && detectNotResults(sofar) !== null,
    });
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    // Anything else that goes wrong while reading a PDF that opened is still a damaged PDF.
    const message = error instanceof Error ? error.message : String(error);
    throw new ExtractionError("CORRUPT_PDF", `The PDF is damaged and cannot be read (${message}).`);
  }
}

function safeDetect(parser: FormatParser, doc: PdfText): boolean {
  try {
    return parser.detect(doc);
  } catch {
    // A detector that throws has not recognised the document; the next parser may.
    return false;
  }
}

/** Which parser would handle the document (for tools and the accuracy report); null when none. */
export function detectFormat(doc: PdfText, parsers: readonly FormatParser[] = formatParsers): string | null {
  return parsers.find((candidate) => safeDetect(candidate, doc))?.id ?? null;
}
