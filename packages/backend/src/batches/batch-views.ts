/** Turns batch and job rows into the API's views (packages/shared api.ts). */
import type { Batch, Job } from "@splitstream/shared";
import type { BatchRow, JobRow } from "../db/schema/index.ts";
import { countsOf } from "./batch-status.ts";

export function toBatchView(batch: BatchRow, resultCode: string | null): Batch {
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

export function toJobView(job: JobRow): Job {
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
