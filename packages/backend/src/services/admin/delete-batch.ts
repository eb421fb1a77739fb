/** Deletes a finished batch with its jobs, events and links, and the PDFs (with cached results) no other batch uses. */
import type { AdminDeletedBatch } from "@splitstream/shared";
import { deleteFinishedBatch } from "../../batches/delete-batch.ts";
import { asServiceError } from "../batch-command-errors.ts";
import type { ServiceContext } from "../service-context.ts";

export async function deleteBatch({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { batchId: string };
}): Promise<AdminDeletedBatch> {
  const { db } = ctx.database;
  return deleteFinishedBatch(db, input.batchId).catch(asServiceError);
}
