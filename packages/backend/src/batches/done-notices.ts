/**
 * The "results are ready" notice of a finished batch, sent once: an instance claims it by setting
 * notification_sent_at (only one UPDATE can win), and gives the claim back when the send fails.
 */
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { type BatchRow, processingBatches } from "../db/schema/index.ts";

/** Finished batches that asked for a notice and have not had one (at most `limit`). */
export async function dueNotices(database: Database, limit: number): Promise<string[]> {
  const rows = await database.db
    .select({ id: processingBatches.id })
    .from(processingBatches)
    .where(
      and(
        isNotNull(processingBatches.notificationEmail),
        isNull(processingBatches.notificationSentAt),
        inArray(processingBatches.status, ["completed", "partial", "failed", "cancelled"]),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The batch, if this instance won the right to send its notice. */
export async function claimNotice(database: Database, batchId: string, at: Date): Promise<BatchRow | null> {
  const [claimed] = await database.db
    .update(processingBatches)
    .set({ notificationSentAt: at })
    .where(and(eq(processingBatches.id, batchId), isNull(processingBatches.notificationSentAt)))
    .returning();
  return claimed ?? null;
}

export async function giveBackNotice(database: Database, batchId: string): Promise<void> {
  await database.db
    .update(processingBatches)
    .set({ notificationSentAt: null })
    .where(eq(processingBatches.id, batchId));
}
