/**
 * Locks a batch's row for the rest of the transaction, or throws NotFound. Cancel, retry and delete all
 * lock the batch first and its jobs second, so no two of them can deadlock.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { processingBatches } from "../db/schema/index.ts";
import { BatchNotFoundError } from "./batch-errors.ts";

export async function lockBatch(tx: Tx, batchId: string) {
  const [batch] = await tx
    .select()
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId))
    .for("update");
  if (!batch) throw new BatchNotFoundError(batchId);
  return batch;
}
