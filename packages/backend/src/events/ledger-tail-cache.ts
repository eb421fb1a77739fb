/**
 * The newest events of each watched batch, as this instance last read them from the ledger, so clients
 * that connect or reconnect together (a reconnect storm) replay from memory instead of one query each.
 * Ledger rows never change, so a cached event is always right; what must be known is that nothing newer
 * exists: the tail is trusted only when a read that reached the ledger's end filled it, and no NOTIFY
 * (or head read) since then named a newer seq. A NOTIFY follows every commit, a head read may see a
 * commit before its NOTIFY arrives, and a lost LISTEN resets everything.
 */
import type { BatchEvent } from "@splitstream/shared";

/** Events kept per batch (the oldest go first): enough for a client away a minute from a busy batch. */
const MAX_EVENTS = 64;
/** Events kept over all batches; past it the longest-kept batches lose their tails. */
const MAX_TOTAL_EVENTS = 64 * 1024;
/** How long a batch's tail outlives its last subscriber: the clients of a dropped network come back. */
const GRACE_MS = 30_000;

interface Tail {
  events: BatchEvent[];
  /** The newest seq the tail accounts for (its last event, or the cursor of a read that found nothing). */
  end: number | null;
  /** A read that reached the ledger's end (fewer rows than asked) put `end` there. */
  complete: boolean;
  /** The newest seq a NOTIFY has named since `since`. */
  notifiedSeq: number;
  /** Only reads the bus sent after this mark may fill the tail (its creation, or the last reset). */
  since: number;
  subscribers: number;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

export class LedgerTailCache {
  private readonly tails = new Map<string, Tail>();
  private total = 0;

  /** A stream of the batch subscribed (at `mark`): keep its tail while it is watched. */
  retain(batchId: string, mark: number): void {
    let tail = this.tails.get(batchId);
    if (!tail) {
      tail = {
        events: [],
        end: null,
        complete: false,
        notifiedSeq: 0,
        since: mark,
        subscribers: 0,
        expiry: undefined,
      };
      this.tails.set(batchId, tail);
    }
    tail.subscribers += 1;
    clearTimeout(tail.expiry);
    tail.expiry = undefined;
  }

  /** A stream of the batch went away; the tail goes a while after the last one. */
  release(batchId: string): void {
    const tail = this.tails.get(batchId);
    if (!tail) return;
    tail.subscribers -= 1;
    if (tail.subscribers > 0) return;
    tail.expiry = setTimeout(() => {
      if (this.tails.get(batchId) !== tail || tail.subscribers > 0) return;
      this.total -= tail.events.length;
      this.tails.delete(batchId);
    }, GRACE_MS);
    tail.expiry.unref?.();
  }

  /** A NOTIFY named `seq` for the batch (null: unreadable, so anything may be newer). */
  noteNotify(batchId: string, seq: number | null, mark: number): void {
    const tail = this.tails.get(batchId);
    if (!tail) return;
    if (seq === null) this.reset(tail, mark);
    else tail.notifiedSeq = Math.max(tail.notifiedSeq, seq);
  }

  /** The LISTEN connection came back: NOTIFYs may have been lost, so no tail is known complete. */
  resetAll(mark: number): void {
    for (const tail of this.tails.values()) this.reset(tail, mark);
  }

  /** Events after `afterSeq` (at most `limit`) from memory, or null when the ledger must be read. */
  serve(batchId: string, afterSeq: number, limit: number): BatchEvent[] | null {
    const tail = this.tails.get(batchId);
    if (!tail?.complete || tail.end === null || tail.notifiedSeq > tail.end) return null;
    const from = tail.events[0]?.seq ?? tail.end + 1;
    if (afterSeq + 1 < from || afterSeq > tail.end) return null;
    const start = afterSeq + 1 - from;
    return tail.events.slice(start, start + limit);
  }

  /** What a ledger read sent at mark `startedAt` returned: extends the tail when it joins on. */
  store(
    batchId: string,
    afterSeq: number,
    limit: number,
    startedAt: number,
    rows: readonly BatchEvent[],
  ): void {
    const tail = this.tails.get(batchId);
    if (!tail || startedAt <= tail.since) return;
    const last = rows.at(-1)?.seq ?? afterSeq;
    const reachedEnd = rows.length < limit;
    const before = tail.events.length;
    if (tail.end === null) {
      if (rows.length > 0 && rows[0]!.seq !== afterSeq + 1) return; // pruned: not a tail to build on
      tail.events = [...rows];
      tail.end = last;
      tail.complete = reachedEnd;
    } else {
      if (afterSeq > tail.end) return; // would leave a hole
      if (last > tail.end) {
        for (const row of rows) if (row.seq > tail.end) tail.events.push(row);
        tail.end = last;
        tail.complete = reachedEnd;
      } else if (last === tail.end && reachedEnd) tail.complete = true;
      // A short read that ends below `end` was sent before the one that filled it: it knows less.
    }
    if (tail.events.length > MAX_EVENTS) tail.events = tail.events.slice(-MAX_EVENTS);
    this.total += tail.events.length - before;
    // Over the total: the tails kept longest are dropped (and rebuilt by their next read).
    for (const other of this.tails.values()) {
      if (this.total <= MAX_TOTAL_EVENTS || other === tail) break;
      this.reset(other, other.since);
    }
  }

  clear(): void {
    for (const tail of this.tails.values()) clearTimeout(tail.expiry);
    this.tails.clear();
    this.total = 0;
  }

  private reset(tail: Tail, mark: number): void {
    this.total -= tail.events.length;
    tail.events = [];
    tail.end = null;
    tail.complete = false;
    tail.notifiedSeq = 0;
    tail.since = mark;
  }
}
