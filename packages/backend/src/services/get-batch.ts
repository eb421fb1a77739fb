/** One batch with its jobs, as the API shows it; NotFound when there is no such batch. */
import type { BatchWithJobs } from "@splitstream/shared";
import { readBatchWithJobs } from "../batches/read-batch.ts";
import type { ServiceContext } from "./service-context.ts";
import { NotFoundError } from "./service-error.ts";

export async function getBatchWithJobs({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database">;
  input: { batchId: string };
}): Promise<BatchWithJobs> {
  const batch = await readBatchWithJobs(ctx.database.db, input.batchId);
  if (!batch) throw new NotFoundError("That batch");
  return batch;
}
