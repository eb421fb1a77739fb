/** Deletes a finished batch with its jobs, events and links, and the PDFs (with cached results) no other batch uses. */
import { type AdminDeletedBatch, TERMINAL_JOB_STATUSES } from "@splitstream/shared";
import { and, count, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import {
  batchEvents,
  batchJobs,
  extractionResults,
  pdfFiles,
  processingBatches,
  resultLinks,
} from "../db/schema/index.ts";
import { BatchConflictError } from "./batch-errors.ts";
import { lockBatch } from "./lock-batch.ts";

/** BatchNotFoundError, or BatchConflictError while any of its jobs is unfinished. */
export async function deleteFinishedBatch(db: Db, batchId: string): Promise<AdminDeletedBatch> {
  return db.transaction(async (tx) => {
    const _batch = await lockBatch(tx, batchId);
    const jobs = await tx
      .select({ status: batchJobs.status, sha256: batchJobs.sha256 })
      .from(batchJobs)
      .where(eq(batchJobs.batchId, batchId))
      .for("update");
    const unfinished = jobs.filter((job) => !TERMINAL_JOB_STATUSES.includes(job.status)).length;
    // A worker may be running these jobs: pulling rows from under it would fail it midway.
    if (unfinished > 0) {
      throw new BatchConflictError(
        `The batch is still running (${unfinished} of ${jobs.length} jobs have not finished). Cancel it first (POST /api/v1/batches/${batchId}/cancel), then delete it once its jobs have stopped.`,
      );
    }
    const [events] = await tx
      .select({ n: count() })
      .from(batchEvents)
      .where(eq(batchEvents.batchId, batchId));
    const [links] = await tx.select({ n: count() }).from(resultLinks).where(eq(resultLinks.batchId, batchId));

    // Jobs, events, links and error-log entries go with the batch through ON DELETE CASCADE.
    await tx.delete(processingBatches).where(eq(processingBatches.id, batchId));

    const candidates = [...new Set(jobs.flatMap((job) => (job.sha256 ? [job.sha256] : [])))];
    let orphaned: string[] = [];
    let deletedExtractionResults = 0;
    if (candidates.length > 0) {
      // Locking the files first makes a concurrent job that is about to reference one wait, and then be seen below.
      await tx
        .select({ sha256: pdfFiles.sha256 })
        .from(pdfFiles)
        .where(inArray(pdfFiles.sha256, candidates))
        .for("update");
      const unused = await tx
        .select({ sha256: pdfFiles.sha256 })
        .from(pdfFiles)
        .where(
          and(
            inArray(pdfFiles.sha256, candidates),
            notExists(
              tx.select({ one: sql`1` }).from(batchJobs).where(eq(batchJobs.sha256, pdfFiles.sha256)),
            ),
          ),
        );
      orphaned = unused.map((row) => row.sha256);
      if (orphaned.length > 0) {
        const [results] = await tx
          .select({ n: count() })
          .from(extractionResults)
          .where(inArray(extractionResults.sha256, orphaned));
        deletedExtractionResults = results?.n ?? 0;
        // Chunks, extraction results and claims go with the file through ON DELETE CASCADE.
        await tx.delete(pdfFiles).where(inArray(pdfFiles.sha256, orphaned));
      }
    }
    return {
      batchId,
      deletedJobs: jobs.length,
      deletedEvents: events?.n ?? 0,
      deletedResultLinks: links?.n ?? 0,
      deletedPdfFiles: orphaned.length,
      deletedExtractionResults,
      keptPdfFiles: candidates.length - orphaned.length,
    };
  });
}
