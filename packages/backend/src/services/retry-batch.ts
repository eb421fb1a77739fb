/**
 * Puts a batch's retryable jobs back in the queue, from the start, with fresh retry counts: failures
 * another attempt may cure, and cancelled files. Failures that are facts about the file stay failed.
 */
import { type BatchWithJobs, canRetryJob, JOBS_CHANNEL } from "@splitstream/shared";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { appendBatchEvents } from "../events/batch-event-ledger.ts";
import { ApiError } from "../http/api-error.ts";
import { reopenBatchInTx } from "../pipeline/job-transitions.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import { lockBatch } from "./lock-batch.ts";

const RETRY_MESSAGE = "Waiting for a worker (retry)";

export async function retryBatch({
  database,
  batchId,
}: {
  database: Database;
  batchId: string;
}): Promise<BatchWithJobs> {
  return database.db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    const finishedBadly = await tx
      .select()
      .from(batchJobs)
      .where(and(eq(batchJobs.batchId, batchId), inArray(batchJobs.status, ["failed", "cancelled"])))
      .for("update");
    const retryable = finishedBadly.filter(canRetryJob);
    if (retryable.length === 0) {
      throw new ApiError(
        "CONFLICT",
        finishedBadly.length > 0
          ? "There is nothing to try again: the files that failed cannot be read however often they are tried."
          : "There is nothing to try again: no file has failed or been cancelled.",
      );
    }
    const now = new Date();
    await tx
      .update(batchJobs)
      .set({
        status: "pending",
        stage: "queued",
        cached: false,
        errorCode: null,
        errorMessage: null,
        progressMessage: RETRY_MESSAGE,
        retryCount: 0,
        runAt: now,
        completedAt: null,
        lockedBy: null,
        lockedUntil: null,
        // A file cancelled while it ran still carries the request: the next worker would stop at once.
        cancelRequested: false,
        updatedAt: now,
      })
      .where(
        inArray(
          batchJobs.id,
          retryable.map((job) => job.id),
        ),
      );
    // Each job leaves the counter it was counted in, so the batch derives its status right when it ends.
    const failed = retryable.filter((job) => job.status === "failed").length;
    const cancelled = retryable.length - failed;
    await reopenBatchInTx(tx, batch, failed);
    if (cancelled > 0) {
      await tx
        .update(processingBatches)
        .set({ cancelledJobs: sql`${processingBatches.cancelledJobs} - ${cancelled}` })
        .where(eq(processingBatches.id, batchId));
    }
    await appendBatchEvents(
      tx,
      batchId,
      retryable.map((job) => ({
        type: "job.stage",
        jobId: job.id,
        stage: "queued",
        status: "pending",
        cached: false,
        message: RETRY_MESSAGE,
      })),
    );
    await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${batchId})`);
    return getBatchWithJobs({ db: tx, batchId });
  });
}
