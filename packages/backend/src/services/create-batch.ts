/** Creates a batch from the files received and the URLs given (batches/create-batch.ts writes it). */
import type { BatchWithJobs } from "@splitstream/shared";
import { type CreateBatchInput, insertBatch } from "../batches/create-batch.ts";
import type { ServiceContext } from "./service-context.ts";

export type { CreateBatchInput };

export function createBatch({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database">;
  input: CreateBatchInput;
}): Promise<BatchWithJobs> {
  return insertBatch(ctx.database, input);
}
