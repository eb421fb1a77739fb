/** Puts a batch's failed jobs back in the queue, from the start, with fresh retry counts. */
import { type BatchWithJobs, JOBS_CHANNEL } from "@splitstream/shared";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs } from "../db/schema/index.ts";
import { appendBatchEvents } from "../events/batch-event-ledger.ts";
import { ApiError } from "../http/api-error.ts";
import { reopenBatchInTx } from "../pipeline/job-transitions.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import { lockBatch } from "./lock-batch.ts";

export async function retryBatch({
  database,
  batchId,
}: {
  database: Database;
  batchId: string;
}): Promise<BatchWithJobs> {
  return database.db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    const failed = await tx
      .select()
      .from(batchJobs)
      .where(and(eq(batchJobs.batchId, batchId), eq(batchJobs.status, "failed")))
      .for("update");
    if (failed.length === 0) throw new ApiError("CONFLICT", "The batch has no failed files to retry.");
    await tx
      .update(batchJobs)
      .set({
        status: "pending",
        stage: "queued",
        errorCode: null,
        errorMessage: null,
        progressMessage: "Waiting for a worker (retry)",
        retryCount: 0,
        runAt: new Date(),
        completedAt: null,
        cancelRequested: false,
        updatedAt: new Date(),
      })
      .where(and(eq(batchJobs.batchId, batchId), eq(batchJobs.status, "failed")));
    await reopenBatchInTx(tx, batch, failed.length);
    await appendBatchEvents(
      tx,
      batchId,
      failed.map((job) => ({
        type: "job.stage",
        jobId: job.id,
        stage: "queued",
        status: "pending",
        cached: false,
        message: "Waiting for a worker (retry)",
      })),
    );
    await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${batchId})`);
    return getBatchWithJobs({ db: tx, batchId });
  });
}
