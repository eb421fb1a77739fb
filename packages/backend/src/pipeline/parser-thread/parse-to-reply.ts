/**
 * What a parser thread answers for one PDF: the meet, or the error's code and a message a person can act
 * on; and, while it reads, the pages read so far.
 */
import { ExtractionError, extractMeet } from "@splitstream/extract";
import type { ExtractionOutput, JobErrorCode } from "@splitstream/shared";

export type ParseOutcome =
  | { ok: true; output: ExtractionOutput }
  | { ok: false; code: JobErrorCode; message: string };

/** What a thread posts once its parser is loaded, before any request. */
export const PARSER_READY = "parser-ready";

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
}

export type ParseReply = ParseOutcome & { id: number };

/** Posted while a request is read (any number of times, before its reply): pages read of how many. */
export interface ParsePages {
  id: number;
  pagesRead: number;
  pageCount: number;
}

export function isParsePages(message: unknown): message is ParsePages {
  return typeof message === "object" && message !== null && "pagesRead" in message;
}

export async function parseToReply(
  bytes: Uint8Array,
  onPage?: (pagesRead: number, pageCount: number) => void,
): Promise<ParseOutcome> {
  try {
    return { ok: true, output: await extractMeet(bytes, { onPage }) };
  } catch (error) {
    if (error instanceof ExtractionError) return { ok: false, code: error.code, message: error.message };
    return {
      ok: false,
      code: "INTERNAL",
      message: `The parser failed: ${(error as Error)?.message ?? String(error)}`,
    };
  }
}
