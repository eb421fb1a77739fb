/**
 * The ledger's numbering rule, in one place: a batch's events are numbered 1, 2, 3 … without gaps, each
 * new one after processing_batches.last_event_id, which is read and written under the batch row's lock.
 */
import type { NewBatchEvent } from "@splitstream/shared";
import type { batchEvents } from "../db/schema/index.ts";

type LedgerRow = typeof batchEvents.$inferInsert;

/** The last_event_id of a batch with no events yet. */
export const NEW_LEDGER = 0;

/** The seq of the `index`-th new event (from 0) of a batch whose newest is `lastSeq`. */
export function seqAfter(lastSeq: number, index: number): number {
  return lastSeq + index + 1;
}

/** The rows for `events`, numbered after `lastSeq`; the stored payload leaves out type and seq. */
export function ledgerRows(
  batchId: string,
  lastSeq: number,
  events: readonly NewBatchEvent[],
  at?: Date,
): LedgerRow[] {
  return events.map((event, index) => {
    const { type, ...data } = event;
    return { batchId, seq: seqAfter(lastSeq, index), type, data, ...(at ? { createdAt: at } : {}) };
  });
}
