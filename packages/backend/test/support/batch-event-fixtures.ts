/** Writes batch events through the real ledger, one transaction per call, as the pipeline does. */
import { randomUUID } from "node:crypto";
import type { BatchEvent } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/database.ts";
import { processingBatches } from "../../src/db/schema/index.ts";
import { appendBatchEvents } from "../../src/events/batch-event-ledger.ts";

/** Appends `count` job.progress events (one transaction each unless `together`), returning them. */
export async function appendProgress(
  database: Database,
  batchId: string,
  count: number,
  options: { together?: boolean; messageBytes?: number } = {},
): Promise<BatchEvent[]> {
  const jobId = randomUUID();
  const padding = "x".repeat(options.messageBytes ?? 0);
  const make = (index: number) => ({
    type: "job.progress" as const,
    jobId,
    message: `step ${index}${padding}`,
    fraction: null,
  });
  if (options.together) {
    return database.db.transaction((tx) =>
      appendBatchEvents(
        tx,
        batchId,
        Array.from({ length: count }, (_, index) => make(index)),
      ),
    );
  }
  const appended: BatchEvent[] = [];
  for (let index = 0; index < count; index++)
    appended.push(...(await database.db.transaction((tx) => appendBatchEvents(tx, batchId, [make(index)]))));
  return appended;
}

/** Finishes a batch the way the pipeline does: status and batch.completed in one transaction. */
export async function completeBatch(database: Database, batchId: string): Promise<BatchEvent> {
  const [event] = await database.db.transaction(async (tx) => {
    await tx
      .update(processingBatches)
      .set({ status: "completed", completedAt: new Date() })
      .where(eq(processingBatches.id, batchId));
    return appendBatchEvents(tx, batchId, [
      {
        type: "batch.completed",
        batchStatus: "completed",
        counts: { total: 0, completed: 0, failed: 0, cancelled: 0, cached: 0 },
        resultCode: null,
      },
    ]);
  });
  return event!;
}
