/** Where a batch's event stream stands: its newest seq and whether it has finished (404 when unknown). */
import { TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { processingBatches } from "../db/schema/index.ts";
import { NotFoundError } from "../http/api-error.ts";

export async function getBatchEventHead({
  db,
  batchId,
}: {
  db: DbOrTx;
  batchId: string;
}): Promise<{ lastEventId: number; finished: boolean }> {
  const [batch] = await db
    .select({ lastEventId: processingBatches.lastEventId, status: processingBatches.status })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId));
  if (!batch) throw new NotFoundError("That batch");
  return { lastEventId: batch.lastEventId, finished: TERMINAL_BATCH_STATUSES.includes(batch.status) };
}
