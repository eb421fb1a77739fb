/** The progress events of a batch: stored in the ledger (batch_events) and streamed over SSE. */
import { z } from "zod";
import { batchCountsSchema, batchWithJobsSchema } from "./api.ts";
import { jobErrorCodeSchema } from "./error-codes.ts";
import { batchStatusSchema, jobStageSchema, jobStatusSchema } from "./pipeline.ts";

const base = {
  /** The batch's gapless sequence number (the SSE `id:`). */
  seq: z.number().int().nonnegative(),
  batchId: z.string().uuid(),
  at: z.string(),
};

/** What a terminal job event says about its batch, so a client needs no extra fetch. */
const batchState = { batchStatus: batchStatusSchema, counts: batchCountsSchema };

export const batchEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("batch.snapshot"), ...base, batch: batchWithJobsSchema }),
  z.object({
    type: z.literal("job.stage"),
    ...base,
    jobId: z.string().uuid(),
    stage: jobStageSchema,
    status: jobStatusSchema,
    cached: z.boolean(),
    message: z.string().nullable(),
  }),
  z.object({
    type: z.literal("job.progress"),
    ...base,
    jobId: z.string().uuid(),
    message: z.string(),
    /** 0..1 where the stage can tell (bytes downloaded, pages read). */
    fraction: z.number().min(0).max(1).nullable(),
  }),
  z.object({
    type: z.literal("job.retrying"),
    ...base,
    jobId: z.string().uuid(),
    retryCount: z.number().int(),
    retryAt: z.string(),
    errorCode: jobErrorCodeSchema,
    errorMessage: z.string(),
  }),
  z.object({
    type: z.literal("job.completed"),
    ...base,
    ...batchState,
    jobId: z.string().uuid(),
    cached: z.boolean(),
    swimCount: z.number().int(),
  }),
  z.object({
    type: z.literal("job.failed"),
    ...base,
    ...batchState,
    jobId: z.string().uuid(),
    errorCode: jobErrorCodeSchema,
    errorMessage: z.string(),
  }),
  z.object({ type: z.literal("job.cancelled"), ...base, ...batchState, jobId: z.string().uuid() }),
  z.object({ type: z.literal("batch.completed"), ...base, ...batchState, resultCode: z.string().nullable() }),
  z.object({ type: z.literal("batch.reset"), ...base, reason: z.string() }),
]);

export type BatchEvent = z.infer<typeof batchEventSchema>;
export type BatchEventType = BatchEvent["type"];
/** An event before the ledger numbers it. */
export type NewBatchEvent = BatchEvent extends infer E
  ? E extends BatchEvent
    ? Omit<E, "seq" | "batchId" | "at">
    : never
  : never;

export const BATCH_EVENT_TYPES = batchEventSchema.options.map((option) => option.shape.type.value) as [
  BatchEventType,
  ...BatchEventType[],
];

/** The NOTIFY channel that wakes SSE streams; the payload is `batchId:seq` only — the ledger is the truth. */
export const BATCH_EVENTS_CHANNEL = "splitstream_batch_events";
/** The NOTIFY channel that wakes idle workers when jobs become due; the payload is `batchId:jobCount`. */
export const JOBS_CHANNEL = "splitstream_jobs";

export function jobsWakeUp(batchId: string, jobCount: number): string {
  return `${batchId}:${jobCount}`;
}

/** How many jobs a JOBS_CHANNEL wake-up announces (at least 1; an unreadable payload counts as 1). */
export function jobCountOf(payload: string): number {
  const count = Number(payload.slice(payload.lastIndexOf(":") + 1));
  return Number.isSafeInteger(count) && count > 0 ? count : 1;
}
/** The NOTIFY channel that tells the instance running a job to abort it. */
export const CANCEL_CHANNEL = "splitstream_cancel";
