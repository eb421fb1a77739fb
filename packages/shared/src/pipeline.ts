/** The pipeline's vocabulary: stages, job and batch statuses, source kinds. Shared by schema, API and UI. */
import { z } from "zod";

/** Stages in order; `uploading_to_ai` is reserved for an optional remote extractor. */
export const JOB_STAGES = [
  "queued",
  "downloading",
  "uploading_to_ai",
  "extracting",
  "caching",
  "done",
] as const;
export const jobStageSchema = z.enum(JOB_STAGES);
export const JOB_STATUSES = [
  "pending",
  "downloading",
  "processing",
  "completed",
  "failed",
  "cancelled",
] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export const BATCH_STATUSES = [
  "pending",
  "processing",
  "completed",
  "partial",
  "failed",
  "cancelled",
] as const;
export const batchStatusSchema = z.enum(BATCH_STATUSES);
export const JOB_SOURCES = ["upload", "url"] as const;
export const jobSourceSchema = z.enum(JOB_SOURCES);
export const WORKER_STATUSES = ["active", "draining", "stopped", "unresponsive"] as const;
export const workerStatusSchema = z.enum(WORKER_STATUSES);

export type JobStage = z.infer<typeof jobStageSchema>;
export type JobStatus = z.infer<typeof jobStatusSchema>;
export type BatchStatus = z.infer<typeof batchStatusSchema>;
export type JobSource = z.infer<typeof jobSourceSchema>;
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];
/** Statuses of a job that has not finished: the queue's claimable set. */
export const OPEN_JOB_STATUSES = [
  "pending",
  "downloading",
  "processing",
] as const satisfies readonly JobStatus[];
/** Statuses of a finished job a person may send through again (error-codes.ts canRetryJob decides which). */
export const RETRIED_JOB_STATUSES = ["failed", "cancelled"] as const satisfies readonly JobStatus[];
/** Automatic retries after a retryable error, before the job fails for good. */
export const MAX_RETRIES = 3;
export const TERMINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  "completed",
  "partial",
  "failed",
  "cancelled",
];
