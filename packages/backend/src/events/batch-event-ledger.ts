/**
 * Reads the progress ledger back in order. Events are written only by batches/ (write-transition.ts),
 * numbered by batches/ledger-rows.ts under the batch row's lock, so they have no gaps.
 */
import { type BatchEvent, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { batchEvents, processingBatches } from "../db/schema/index.ts";

/** Events of a batch with seq > afterSeq, oldest first. */
export async function readBatchEvents(
  db: DbOrTx,
  batchId: string,
  afterSeq: number,
  limit = 1000,
): Promise<BatchEvent[]> {
  const rows = await db
    .select()
    .from(batchEvents)
    .where(and(eq(batchEvents.batchId, batchId), gt(batchEvents.seq, afterSeq)))
    .orderBy(asc(batchEvents.seq))
    .limit(limit);
  return rows.map(
    (row) =>
      ({
        ...(row.data as object),
        type: row.type,
        seq: row.seq,
        batchId: row.batchId,
        at: row.createdAt.toISOString(),
      }) as BatchEvent,
  );
}

/** Where a batch's stream stands, read in one statement when a client connects. */
export interface BatchEventHead {
  /** The newest seq. */
  lastSeq: number;
  /** The batch has reached a terminal status. */
  finished: boolean;
  /** The oldest seq still stored (events may be pruned), or null when none is. */
  oldestSeq: number | null;
}

/** The batch's newest seq, whether it has finished and its oldest retained seq; null when there is no such batch. */
export async function readBatchEventHead(db: DbOrTx, batchId: string): Promise<BatchEventHead | null> {
  const [row] = await db
    .select({
      lastSeq: processingBatches.lastSeq,
      status: processingBatches.status,
      oldestSeq: sql<
        number | null
      >`(select min(${batchEvents.seq}) from ${batchEvents} where ${batchEvents.batchId} = ${processingBatches.id})`,
    })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId));
  if (!row) return null;
  return {
    lastSeq: row.lastSeq,
    finished: TERMINAL_BATCH_STATUSES.includes(row.status),
    oldestSeq: row.oldestSeq === null ? null : Number(row.oldestSeq),
  };
}
