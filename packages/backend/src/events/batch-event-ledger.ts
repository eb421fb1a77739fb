/**
 * The progress ledger: appends numbered events inside the caller's state-change transaction and reads
 * them back in order. Sequence numbers come from processing_batches.last_event_id under that row's lock,
 * so they have no gaps; the NOTIFY sent with them is only a wake-up, delivered on commit.
 */
import {
  BATCH_EVENTS_CHANNEL,
  type BatchEvent,
  type NewBatchEvent,
  TERMINAL_BATCH_STATUSES,
} from "@splitstream/shared";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db/database.ts";
import { batchEvents, processingBatches } from "../db/schema/index.ts";

export async function appendBatchEvents(
  tx: Tx,
  batchId: string,
  events: readonly NewBatchEvent[],
  at: Date = new Date(),
): Promise<BatchEvent[]> {
  if (events.length === 0) return [];
  const [row] = await tx
    .update(processingBatches)
    .set({ lastEventId: sql`${processingBatches.lastEventId} + ${events.length}`, updatedAt: at })
    .where(eq(processingBatches.id, batchId))
    .returning({ lastEventId: processingBatches.lastEventId });
  if (!row) throw new Error(`batch ${batchId} does not exist`);
  const firstSeq = row.lastEventId - events.length + 1;
  const numbered = events.map(
    (event, index) => ({ ...event, seq: firstSeq + index, batchId, at: at.toISOString() }) as BatchEvent,
  );
  await tx.insert(batchEvents).values(
    numbered.map((event) => ({
      batchId,
      seq: event.seq,
      type: event.type,
      data: payloadOf(event),
      createdAt: at,
    })),
  );
  await tx.execute(sql`select pg_notify(${BATCH_EVENTS_CHANNEL}, ${`${batchId}:${row.lastEventId}`})`);
  return numbered;
}

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

/** The oldest seq still stored for a batch (events may be pruned), or null when none is. */
export async function oldestRetainedSeq(db: DbOrTx, batchId: string): Promise<number | null> {
  const [row] = await db
    .select({ seq: sql<number>`min(${batchEvents.seq})`.mapWith(Number) })
    .from(batchEvents)
    .where(eq(batchEvents.batchId, batchId));
  return row?.seq ?? null;
}

/** Where a batch's stream stands, read in one statement when a client connects. */
export interface BatchEventHead {
  /** The newest seq. */
  lastEventId: number;
  /** The batch has reached a terminal status. */
  finished: boolean;
  /** The oldest seq still stored (events may be pruned), or null when none is. */
  oldestSeq: number | null;
}

/** The batch's newest seq, whether it has finished and its oldest retained seq; null when there is no such batch. */
export async function readBatchEventHead(db: DbOrTx, batchId: string): Promise<BatchEventHead | null> {
  const [row] = await db
    .select({
      lastEventId: processingBatches.lastEventId,
      status: processingBatches.status,
      oldestSeq: sql<
        number | null
      >`(select min(${batchEvents.seq}) from ${batchEvents} where ${batchEvents.batchId} = ${processingBatches.id})`,
    })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId));
  if (!row) return null;
  return {
    lastEventId: row.lastEventId,
    finished: TERMINAL_BATCH_STATUSES.includes(row.status),
    oldestSeq: row.oldestSeq === null ? null : Number(row.oldestSeq),
  };
}

function payloadOf(event: BatchEvent): Record<string, unknown> {
  const { type: _type, seq: _seq, batchId: _batchId, at: _at, ...payload } = event;
  return payload;
}
