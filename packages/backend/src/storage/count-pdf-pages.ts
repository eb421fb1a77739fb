/**
 * Counts a PDF's pages without a PDF reader, in milliseconds, when it is stored: so the ETA knows the
 * pages of every file of a batch before the parser opens them (a file's size says little: 200 kB can be
 * one page with a logo or forty pages of text). The page tree's root holds the largest /Count in the
 * file; in PDF 1.5+ it may sit in a compressed object stream, so those (only those) are inflated.
 * An estimate for progress, never used for the output: a file it cannot count gives null.
 */
import { open } from "node:fs/promises";
import { constants, inflateSync } from "node:zlib";

/** Larger files are not read again just to count their pages (the ETA then goes by their size). */
const MAX_COUNTED_BYTES = 8 * 1024 * 1024;
/** Object streams hold dictionaries, not page content: a stream inflating past this is not one to read. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

const COUNT = /\/Count\s+(\d+)/g;

export function countPdfPages(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let pages = largestCount(text);
  for (let at = text.indexOf("/ObjStm"); at >= 0; at = text.indexOf("/ObjStm", at + 7)) {
    const keyword = text.indexOf("stream", at);
    if (keyword < 0) break;
    let start = keyword + "stream".length;
    if (text[start] === "\r") start++;
    if (text[start] === "\n") start++;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    const inflated = inflateOrNull(bytes.subarray(start, end));
    const found = inflated === null ? null : largestCount(inflated);
    if (found !== null) pages = Math.max(pages ?? 0, found);
    at = end;
  }
  return pages !== null && pages > 0 ? pages : null;
}

/** The page count of a stored temporary file; null when it is too large to read again or cannot be counted. */
export async function countPdfPagesInFile(path: string, sizeBytes: number): Promise<number | null> {
  if (sizeBytes > MAX_COUNTED_BYTES) return null;
  try {
    const handle = await open(path, "r");
    try {
      return countPdfPages(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

function largestCount(text: string): number | null {
  let largest: number | null = null;
  for (const match of text.matchAll(COUNT)) largest = Math.max(largest ?? 0, Number(match[1]));
  return largest;
}

function inflateOrNull(stream: Uint8Array): string | null {
  try {
    // Sync flush: a stream cut short (or followed by a stray byte) still gives what it holds.
    return inflateSync(stream, {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: MAX_INFLATED_BYTES,
    }).toString("latin1");
  } catch {
    // Encrypted, not Flate, or damaged: the raw text's count stands.
    return null;
  }
}
