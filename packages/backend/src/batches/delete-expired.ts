/** Deletes expired batches (their jobs, events and links go with them) and PDFs no job refers to any more. */
import { lt, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { pdfFiles, processingBatches } from "../db/schema/index.ts";

export async function deleteExpired(
  database: Database,
  now: Date,
): Promise<{ batches: number; pdfs: number }> {
  return database.db.transaction(async (tx) => {
    const batches = await tx
      .delete(processingBatches)
      .where(lt(processingBatches.expiresAt, now))
      .returning({ id: processingBatches.id });
    // Cached results go with their PDF (FK cascade); a PDF still used by any job stays, and so does one
    // stored in the last hour, whose batch may still be committing.
    const pdfs = await tx
      .delete(pdfFiles)
      .where(sql`not exists (select 1 from batch_jobs j where j.sha256 = ${pdfFiles.sha256})
        and ${pdfFiles.createdAt} < ${now.toISOString()}::timestamptz - interval '1 hour'`)
      .returning({ sha256: pdfFiles.sha256 });
    return { batches: batches.length, pdfs: pdfs.length };
  });
}
