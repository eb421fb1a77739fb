/** Deletes a finished batch with its jobs, events and links, and the PDFs (with cached results) no other batch uses. */
import type { AdminDeletedBatch } from "@splitstream/shared";
import { deleteFinishedBatch } from "../../batches/delete-batch.ts";
import type { Db } from "../../db/database.ts";
import { asServiceError } from "../batch-command-errors.ts";

export async function deleteBatch({
  db,
  input,
}: {
  db: Db;
  input: { batchId: string };
}): Promise<AdminDeletedBatch> {
  return deleteFinishedBatch(db, input.batchId).catch(asServiceError);
}
