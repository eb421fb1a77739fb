/** Turns batch and job rows into the API's views (packages/shared api.ts). */
import type { Batch, Job } from "@splitstream/shared";
import { type BatchRow, batchJobs, type JobRow, processingBatches } from "../db/schema/index.ts";
import { countsOf } from "./batch-status.ts";

/**
 * The columns the views read, for statements that answer with a view and return no more than it needs
 * (mapping a returned row costs per column).
 */
export const BATCH_VIEW_COLUMNS = {
  id: processingBatches.id,
  swimmerName: processingBatches.swimmerName,
  status: processingBatches.status,
  totalJobs: processingBatches.totalJobs,
  completedJobs: processingBatches.completedJobs,
  failedJobs: processingBatches.failedJobs,
  cancelledJobs: processingBatches.cancelledJobs,
  cachedJobs: processingBatches.cachedJobs,
  lastSeq: processingBatches.lastSeq,
  notificationEmail: processingBatches.notificationEmail,
  createdAt: processingBatches.createdAt,
  startedAt: processingBatches.startedAt,
  completedAt: processingBatches.completedAt,
  expiresAt: processingBatches.expiresAt,
};
export type BatchViewRow = Pick<BatchRow, keyof typeof BATCH_VIEW_COLUMNS>;

export const JOB_VIEW_COLUMNS = {
  id: batchJobs.id,
  batchId: batchJobs.batchId,
  position: batchJobs.position,
  sourceType: batchJobs.sourceType,
  sourceUrl: batchJobs.sourceUrl,
  fileName: batchJobs.fileName,
  sha256: batchJobs.sha256,
  fileSize: batchJobs.fileSize,
  status: batchJobs.status,
  stage: batchJobs.stage,
  cached: batchJobs.cached,
  progressMessage: batchJobs.progressMessage,
  errorCode: batchJobs.errorCode,
  errorMessage: batchJobs.errorMessage,
  retryCount: batchJobs.retryCount,
  attempts: batchJobs.attempts,
  swimmerResult: batchJobs.swimmerResult,
  createdAt: batchJobs.createdAt,
  startedAt: batchJobs.startedAt,
  completedAt: batchJobs.completedAt,
};
export type JobViewRow = Pick<JobRow, keyof typeof JOB_VIEW_COLUMNS>;

export function toBatchView(batch: BatchViewRow, resultCode: string | null): Batch {
  return {
    id: batch.id,
    swimmerName: batch.swimmerName,
    status: batch.status,
    counts: countsOf(batch),
    lastSeq: batch.lastSeq,
    hasNotificationEmail: batch.notificationEmail !== null,
    resultCode,
    createdAt: batch.createdAt.toISOString(),
    startedAt: batch.startedAt?.toISOString() ?? null,
    completedAt: batch.completedAt?.toISOString() ?? null,
    expiresAt: batch.expiresAt.toISOString(),
  };
}

export function toJobView(job: JobViewRow): Job {
  const result = job.swimmerResult as { swims?: unknown[] } | null;
  return {
    id: job.id,
    batchId: job.batchId,
    position: job.position,
    sourceType: job.sourceType,
    sourceUrl: job.sourceUrl,
    fileName: job.fileName,
    sha256: job.sha256,
    fileSize: job.fileSize,
    status: job.status,
    stage: job.stage,
    cached: job.cached,
    progressMessage: job.progressMessage,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    retryCount: job.retryCount,
    attempts: job.attempts,
    swimCount: Array.isArray(result?.swims) ? result.swims.length : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    completedAt: job.completedAt?.toISOString() ?? null,
  };
}
