/**
 * The ledger's numbering rule, in one place: a batch's events are numbered 1, 2, 3 … without gaps, each
 * new one after processing_batches.last_event_id, which is read and written under the batch row's lock.
 */
import type { NewBatchEvent } from "@splitstream/shared";
import type { batchEvents } from "../db/schema/index.ts";

type LedgerRow = typeof batchEvents.$inferInsert;

/** The rows for `events`, numbered after `lastEventId`; the stored payload leaves out type and seq. */
export function ledgerRows(
  batchId: string,
  lastEventId: number,
  events: readonly NewBatchEvent[],
  at?: Date,
): LedgerRow[] {
  return events.map((event, index) => {
    const { type, ...data } = event;
    return { batchId, seq: lastEventId + index + 1, type, data, ...(at ? { createdAt: at } : {}) };
  });
}
