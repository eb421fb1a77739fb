/** What a person does to a whole batch: cancel it, or try its failed and cancelled files again. */
import { OPEN_JOB_STATUSES, RETRIED_JOB_STATUSES } from "@splitstream/shared";
import { inArray } from "drizzle-orm";
import { batchJobs } from "../db/schema/index.ts";
import { BatchNotFoundError } from "./batch-errors.ts";
import { cancelBatch, retryBatch } from "./job-transitions.ts";
import { lockBatchJobs, runTransition, type TransitionContext } from "./write-transition.ts";

/** Cancels the batch's unfinished jobs. BatchNotFoundError, or BatchConflictError when all have finished. */
export async function cancelBatchJobs(context: TransitionContext, batchId: string): Promise<void> {
  await runTransition(
    context,
    async (tx) =>
      (await lockBatchJobs(tx, batchId, inArray(batchJobs.status, [...OPEN_JOB_STATUSES]))) ??
      notFound(batchId),
    cancelBatch,
  );
}

/** Puts the batch's retryable jobs back in the queue. BatchNotFoundError, or BatchConflictError if none is. */
export async function retryBatchJobs(context: TransitionContext, batchId: string): Promise<void> {
  await runTransition(
    context,
    async (tx) =>
      (await lockBatchJobs(tx, batchId, inArray(batchJobs.status, [...RETRIED_JOB_STATUSES]))) ??
      notFound(batchId),
    retryBatch,
  );
}

function notFound(batchId: string): never {
  throw new BatchNotFoundError(batchId);
}
