/** Stores PDFs content-addressed in the database, in 1 MiB chunks, and reads them back. */
import { open } from "node:fs/promises";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { pdfFileChunks, pdfFiles } from "../db/schema/index.ts";
import { countPdfPagesInFile } from "./count-pdf-pages.ts";

export const PDF_CHUNK_BYTES = 1024 * 1024;

export interface StoredPdf {
  sha256: string;
  sizeBytes: number;
  /** False when the same bytes were already stored (by anyone): nothing was written. */
  created: boolean;
}

/**
 * Copies a verified temporary file into the database unless those bytes are already there. Runs in the
 * caller's transaction; only one chunk is in memory at a time.
 */
export async function storePdfFromFile(
  tx: DbOrTx,
  file: { path: string; sha256: string; sizeBytes: number },
): Promise<StoredPdf> {
  const chunkCount = Math.ceil(file.sizeBytes / PDF_CHUNK_BYTES);
  // For the ETA: the pages of a file the parser has not opened yet.
  const pageCount = await countPdfPagesInFile(file.path, file.sizeBytes);
  const inserted = await tx
    .insert(pdfFiles)
    .values({ sha256: file.sha256, sizeBytes: file.sizeBytes, chunkCount, pageCount })
    .onConflictDoNothing()
    .returning({ sha256: pdfFiles.sha256 });
  if (inserted.length === 0) return { sha256: file.sha256, sizeBytes: file.sizeBytes, created: false };
  const handle = await open(file.path, "r");
  try {
    for (let index = 0; index < chunkCount; index++) {
      const buffer = Buffer.alloc(Math.min(PDF_CHUNK_BYTES, file.sizeBytes - index * PDF_CHUNK_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, index * PDF_CHUNK_BYTES);
      if (bytesRead !== buffer.length) throw new Error(`${file.path} is shorter than its recorded size`);
      await tx.insert(pdfFileChunks).values({ sha256: file.sha256, chunkIndex: index, data: buffer });
    }
  } finally {
    await handle.close();
  }
  return { sha256: file.sha256, sizeBytes: file.sizeBytes, created: true };
}

/** The whole PDF (the parser needs all of it), or null when it is not stored. */
export async function readPdf(db: DbOrTx, sha256: string): Promise<Uint8Array | null> {
  const [file] = await db.select().from(pdfFiles).where(eq(pdfFiles.sha256, sha256));
  if (!file) return null;
  const chunks = await db
    .select({ data: pdfFileChunks.data })
    .from(pdfFileChunks)
    .where(eq(pdfFileChunks.sha256, sha256))
    .orderBy(asc(pdfFileChunks.chunkIndex));
  const bytes = Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data)));
  if (bytes.byteLength !== file.sizeBytes) throw new Error(`stored PDF ${sha256} is incomplete`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
