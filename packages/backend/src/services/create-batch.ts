/** Creates a batch from the files received and the URLs given (batches/create-batch.ts writes it). */
import type { BatchWithJobs } from "@splitstream/shared";
import { toBatchView, toJobView } from "../batches/batch-views.ts";
import { type CreateBatchInput, insertBatch } from "../batches/create-batch.ts";
import type { ServiceContext } from "./service-context.ts";

export type { CreateBatchInput };

export async function createBatch({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database">;
  input: CreateBatchInput;
}): Promise<BatchWithJobs> {
  const { batch, jobs } = await insertBatch(ctx.database, input);
  // A batch this new has no result link yet.
  return { ...toBatchView(batch, null), jobs: jobs.map(toJobView) };
}
