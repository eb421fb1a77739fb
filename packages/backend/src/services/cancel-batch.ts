/** Cancels a batch: pending jobs at once; running jobs through their AbortSignal, wherever they run. */
import type { BatchWithJobs } from "@splitstream/shared";
import { cancelBatchJobs } from "../batches/batch-commands.ts";
import { asServiceError } from "./batch-command-errors.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import type { ServiceContext } from "./service-context.ts";

export async function cancelBatch({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { batchId: string };
}): Promise<BatchWithJobs> {
  await cancelBatchJobs(ctx, input.batchId).catch(asServiceError);
  return getBatchWithJobs({ ctx, input: { batchId: input.batchId } });
}
