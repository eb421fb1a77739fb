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
export const TERMINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  "completed",
  "partial",
  "failed",
  "cancelled",
];
