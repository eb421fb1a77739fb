/**
 * Every change of a job's state, each in ONE transaction with the ledger event that announces it and the
 * batch counters it moves. Each transaction locks the batch row first, so concurrent changes to one batch
 * queue up in the same order and never deadlock.
 */
import type { BatchStatus, JobErrorCode, JobStage, JobStatus, NewBatchEvent } from "@splitstream/shared";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/database.ts";
import { type BatchRow, batchJobs, errorLogs, type JobRow, processingBatches } from "../db/schema/index.ts";
import { appendBatchEvents } from "../events/batch-event-ledger.ts";
import { countsOf } from "../services/batch-views.ts";
import { createResultLink } from "../services/result-links.ts";
import { LeaseLostError } from "./job-error.ts";

const STATUS_OF_STAGE: Record<JobStage, JobStatus> = {
  queued: "pending",
  downloading: "downloading",
  uploading_to_ai: "processing",
  extracting: "processing",
  caching: "processing",
  done: "completed",
};

export interface JobOwner {
  jobId: string;
  batchId: string;
  workerId: string;
}

async function lockBatch(tx: Tx, batchId: string): Promise<BatchRow> {
  const [batch] = await tx
    .select()
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId))
    .for("update");
  if (!batch) throw new Error(`batch ${batchId} is gone`);
  return batch;
}

/** Locks the job if this worker still holds it and it is still running; otherwise the lease was lost. */
async function lockOwnedJob(tx: Tx, owner: JobOwner): Promise<JobRow> {
  const [job] = await tx
    .select()
    .from(batchJobs)
    .where(and(eq(batchJobs.id, owner.jobId), eq(batchJobs.lockedBy, owner.workerId)))
    .for("update");
  if (!job || job.status === "completed" || job.status === "failed" || job.status === "cancelled") {
    throw new LeaseLostError(owner.jobId);
  }
  return job;
}

/** Moves a running job into a stage (and marks the batch as processing on its first move). */
export async function enterStage(
  database: Database,
  owner: JobOwner,
  stage: JobStage,
  message: string,
  changes: Partial<JobRow> = {},
): Promise<void> {
  await database.db.transaction(async (tx) => {
    const batch = await lockBatch(tx, owner.batchId);
    const job = await lockOwnedJob(tx, owner);
    const status = STATUS_OF_STAGE[stage];
    await tx
      .update(batchJobs)
      .set({ ...changes, stage, status, progressMessage: message, updatedAt: new Date() })
      .where(eq(batchJobs.id, job.id));
    if (batch.status === "pending") {
      await tx
        .update(processingBatches)
        .set({ status: "processing", startedAt: batch.startedAt ?? new Date() })
        .where(eq(processingBatches.id, batch.id));
    }
    await appendBatchEvents(tx, batch.id, [
      {
        type: "job.stage",
        jobId: job.id,
        stage,
        status,
        cached: job.cached || changes.cached === true,
        message,
      },
    ]);
  });
}

/** Records that a stage finished, so a job claimed again after a crash resumes after it. */
export async function completeStage(
  database: Database,
  owner: JobOwner,
  stage: JobStage,
  changes: Partial<JobRow> = {},
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockOwnedJob(tx, owner);
    await tx
      .update(batchJobs)
      .set({ ...changes, lastCompletedStage: stage, updatedAt: new Date() })
      .where(eq(batchJobs.id, owner.jobId));
  });
}

export async function reportProgress(
  database: Database,
  owner: JobOwner,
  message: string,
  fraction: number | null,
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockBatch(tx, owner.batchId);
    await lockOwnedJob(tx, owner);
    await tx
      .update(batchJobs)
      .set({ progressMessage: message, updatedAt: new Date() })
      .where(eq(batchJobs.id, owner.jobId));
    await appendBatchEvents(tx, owner.batchId, [
      { type: "job.progress", jobId: owner.jobId, message, fraction },
    ]);
  });
}

export interface CompletedJob {
  cached: boolean;
  swimCount: number;
  swimmerResult: unknown;
  extractorVersion: string;
}

export async function completeJob(database: Database, owner: JobOwner, result: CompletedJob): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockBatch(tx, owner.batchId);
    await lockOwnedJob(tx, owner);
    const now = new Date();
    await tx
      .update(batchJobs)
      .set({
        status: "completed",
        stage: "done",
        lastCompletedStage: "done",
        cached: result.cached,
        swimmerResult: result.swimmerResult,
        extractorVersion: result.extractorVersion,
        progressMessage: result.cached ? "Done (already parsed before: cached)" : "Done",
        errorCode: null,
        errorMessage: null,
        completedAt: now,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(batchJobs.id, owner.jobId));
    const batch = await bumpCounters(tx, owner.batchId, { completed: 1, cached: result.cached ? 1 : 0 });
    await appendBatchEvents(tx, owner.batchId, [
      {
        type: "job.stage",
        jobId: owner.jobId,
        stage: "done",
        status: "completed",
        cached: result.cached,
        message: "Done",
      },
      {
        type: "job.completed",
        jobId: owner.jobId,
        cached: result.cached,
        swimCount: result.swimCount,
        ...batchState(batch),
      },
    ]);
    await finishBatchIfDone(tx, batch);
  });
}

export async function failJob(
  database: Database,
  owner: JobOwner,
  failure: { code: JobErrorCode; message: string; context: Record<string, unknown>; retryable: boolean },
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockBatch(tx, owner.batchId);
    const job = await lockOwnedJob(tx, owner);
    const now = new Date();
    await tx
      .update(batchJobs)
      .set({
        status: "failed",
        errorCode: failure.code,
        errorMessage: failure.message,
        progressMessage: failure.message,
        completedAt: now,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(batchJobs.id, owner.jobId));
    await tx.insert(errorLogs).values({
      batchId: owner.batchId,
      jobId: owner.jobId,
      workerId: owner.workerId,
      errorCode: failure.code,
      message: failure.message,
      retryable: failure.retryable,
      context: {
        ...failure.context,
        stage: job.stage,
        attempts: job.attempts,
        retryCount: job.retryCount,
        source: job.sourceUrl ?? job.fileName,
      },
    });
    const batch = await bumpCounters(tx, owner.batchId, { failed: 1 });
    await appendBatchEvents(tx, owner.batchId, [
      {
        type: "job.failed",
        jobId: owner.jobId,
        errorCode: failure.code,
        errorMessage: failure.message,
        ...batchState(batch),
      },
    ]);
    await finishBatchIfDone(tx, batch);
  });
}

/** Puts a job back in the queue after a retryable error, to run again at `retryAt`. */
export async function scheduleRetry(
  database: Database,
  owner: JobOwner,
  retry: { code: JobErrorCode; message: string; retryAt: Date; context: Record<string, unknown> },
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockBatch(tx, owner.batchId);
    const job = await lockOwnedJob(tx, owner);
    const retryCount = job.retryCount + 1;
    await tx
      .update(batchJobs)
      .set({
        status: "pending",
        stage: "queued",
        retryCount,
        runAt: retry.retryAt,
        progressMessage: `${retry.message} Trying again.`,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: new Date(),
      })
      .where(eq(batchJobs.id, owner.jobId));
    await tx.insert(errorLogs).values({
      batchId: owner.batchId,
      jobId: owner.jobId,
      workerId: owner.workerId,
      errorCode: retry.code,
      message: retry.message,
      retryable: true,
      context: { ...retry.context, retryCount, retryAt: retry.retryAt.toISOString() },
    });
    await appendBatchEvents(tx, owner.batchId, [
      {
        type: "job.retrying",
        jobId: owner.jobId,
        retryCount,
        retryAt: retry.retryAt.toISOString(),
        errorCode: retry.code,
        errorMessage: retry.message,
      },
    ]);
  });
}

/** Cancels jobs of a batch that have not finished (inside the caller's transaction, batch already locked). */
export async function cancelJobsInTx(tx: Tx, batch: BatchRow, jobs: readonly JobRow[]): Promise<BatchRow> {
  if (jobs.length === 0) return batch;
  const now = new Date();
  const events: NewBatchEvent[] = [];
  let current = batch;
  for (const job of jobs) {
    await tx
      .update(batchJobs)
      .set({
        status: "cancelled",
        progressMessage: "Cancelled",
        completedAt: now,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(batchJobs.id, job.id));
    current = await bumpCounters(tx, batch.id, { cancelled: 1 });
    events.push({ type: "job.cancelled", jobId: job.id, ...batchState(current) });
  }
  await appendBatchEvents(tx, batch.id, events);
  await finishBatchIfDone(tx, current);
  return current;
}

/** Cancels the one job this worker holds (it saw the cancel request while running). */
export async function cancelOwnedJob(database: Database, owner: JobOwner): Promise<void> {
  await database.db.transaction(async (tx) => {
    const batch = await lockBatch(tx, owner.batchId);
    const job = await lockOwnedJob(tx, owner);
    await cancelJobsInTx(tx, batch, [job]);
  });
}

async function bumpCounters(
  tx: Tx,
  batchId: string,
  delta: { completed?: number; failed?: number; cancelled?: number; cached?: number },
): Promise<BatchRow> {
  const [batch] = await tx
    .update(processingBatches)
    .set({
      completedJobs: sql`${processingBatches.completedJobs} + ${delta.completed ?? 0}`,
      failedJobs: sql`${processingBatches.failedJobs} + ${delta.failed ?? 0}`,
      cancelledJobs: sql`${processingBatches.cancelledJobs} + ${delta.cancelled ?? 0}`,
      cachedJobs: sql`${processingBatches.cachedJobs} + ${delta.cached ?? 0}`,
      updatedAt: new Date(),
    })
    .where(eq(processingBatches.id, batchId))
    .returning();
  if (!batch) throw new Error(`batch ${batchId} is gone`);
  return batch;
}

function batchState(batch: BatchRow): { batchStatus: BatchStatus; counts: ReturnType<typeof countsOf> } {
  return { batchStatus: deriveBatchStatus(batch), counts: countsOf(batch) };
}

/** The batch's status from its counters: terminal once every job has finished. */
export function deriveBatchStatus(batch: BatchRow): BatchStatus {
  const finished = batch.completedJobs + batch.failedJobs + batch.cancelledJobs;
  if (finished < batch.totalJobs) return "processing";
  if (batch.completedJobs === batch.totalJobs) return "completed";
  if (batch.completedJobs > 0) return "partial";
  if (batch.cancelledJobs > 0) return "cancelled";
  return "failed";
}

/** When the last job finishes: the batch's final status, its result link and the batch.completed event. */
async function finishBatchIfDone(tx: Tx, batch: BatchRow): Promise<void> {
  const finished = batch.completedJobs + batch.failedJobs + batch.cancelledJobs;
  if (finished < batch.totalJobs) {
    if (batch.status === "pending") {
      await tx
        .update(processingBatches)
        .set({ status: "processing", startedAt: batch.startedAt ?? new Date() })
        .where(eq(processingBatches.id, batch.id));
    }
    return;
  }
  const status = deriveBatchStatus(batch);
  await tx
    .update(processingBatches)
    .set({ status, completedAt: new Date(), startedAt: batch.startedAt ?? new Date() })
    .where(eq(processingBatches.id, batch.id));
  const code = await createResultLink(tx, batch.id);
  await appendBatchEvents(tx, batch.id, [
    { type: "batch.completed", batchStatus: status, counts: countsOf(batch), resultCode: code },
  ]);
}

/** Reopens a finished batch for jobs put back in the queue (retry). */
export async function reopenBatchInTx(tx: Tx, batch: BatchRow, requeued: number): Promise<void> {
  await tx
    .update(processingBatches)
    .set({
      status: "processing",
      completedAt: null,
      failedJobs: sql`${processingBatches.failedJobs} - ${requeued}`,
      updatedAt: new Date(),
    })
    .where(eq(processingBatches.id, batch.id));
}
