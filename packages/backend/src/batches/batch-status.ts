/** How job stages map to job statuses, and how a batch's status follows from its counters. */
import type { BatchCounts, BatchStatus, JobStage, JobStatus } from "@splitstream/shared";
import type { BatchRow } from "../db/schema/index.ts";

export const STATUS_OF_STAGE: Record<JobStage, JobStatus> = {
  queued: "pending",
  downloading: "downloading",
  uploading_to_ai: "processing",
  extracting: "processing",
  caching: "processing",
  done: "completed",
};

export type BatchCounters = Pick<
  BatchRow,
  "totalJobs" | "completedJobs" | "failedJobs" | "cancelledJobs" | "cachedJobs"
>;

export function countsOf(batch: BatchCounters): BatchCounts {
  return {
    total: batch.totalJobs,
    completed: batch.completedJobs,
    failed: batch.failedJobs,
    cancelled: batch.cancelledJobs,
    cached: batch.cachedJobs,
  };
}

export function isFinished(batch: BatchCounters): boolean {
  return batch.completedJobs + batch.failedJobs + batch.cancelledJobs >= batch.totalJobs;
}

/** The batch's status from its counters: terminal once every job has finished. */
export function deriveBatchStatus(batch: BatchCounters): BatchStatus {
  if (!isFinished(batch)) return "processing";
  if (batch.completedJobs === batch.totalJobs) return "completed";
  if (batch.completedJobs > 0) return "partial";
  if (batch.cancelledJobs > 0) return "cancelled";
  return "failed";
}
