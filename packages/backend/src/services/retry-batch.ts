/**
 * Puts a batch's retryable jobs back in the queue, from the start, with fresh retry counts: failures
 * another attempt may cure, and cancelled files. Failures that are facts about the file stay failed.
 */
import type { BatchWithJobs } from "@splitstream/shared";
import { retryBatchJobs } from "../batches/batch-commands.ts";
import { asServiceError } from "./batch-command-errors.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import type { ServiceContext } from "./service-context.ts";

export async function retryBatch({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { batchId: string };
}): Promise<BatchWithJobs> {
  await retryBatchJobs(ctx, input.batchId).catch(asServiceError);
  return getBatchWithJobs({ ctx, input: { batchId: input.batchId } });
}
