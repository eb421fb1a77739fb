/**
 * The in-process fan-out of batch event wake-ups: one LISTEN per instance, subscribers per batch, and
 * one shared ledger read per (batch, cursor) however many streams of that batch wake or connect at once;
 * clients that reconnect together replay from the batch's cached tail.
 */
import { BATCH_EVENTS_CHANNEL, type BatchEvent } from "@splitstream/shared";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { type BatchEventHead, readBatchEventHead, readBatchEvents } from "./batch-event-ledger.ts";
import { LedgerTailCache } from "./ledger-tail-cache.ts";

/**
 * How long a batch's head (newest seq, finished, oldest seq) read for one connecting client serves the
 * next ones. Any NOTIFY of the batch drops it at once (every state change comes with an event); the limit
 * only bounds how long a deleted batch (which sends none) may still be answered with a stream.
 */
const HEAD_TTL_MS = 1000;
/** Heads kept at most; past it they are all dropped (they are cheap to read again). */
const MAX_HEADS = 10_000;

/**
 * Called with the newest seq a NOTIFY named (or null when anything may have been missed: a reconnect),
 * and the bus's mark for that wake-up: a read of the ledger must start after it to be sure to see that seq.
 */
export type WakeUp = (seq: number | null, mark: number) => void;

interface SharedRead<T> {
  /** The bus's mark when the query was sent: it sees every commit whose NOTIFY came before that. */
  startedAt: number;
  result: Promise<T>;
  /** A NOTIFY of the batch came while it ran: share the answer, but do not keep it. */
  stale?: boolean;
}

interface Subscriber {
  wake: WakeUp;
  /** The instance is shutting down: end the stream so its client reconnects elsewhere. */
  end: () => void;
}

export class BatchEventBus {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly readsInFlight = new Map<string, SharedRead<BatchEvent[]>>();
  private readonly headsInFlight = new Map<string, SharedRead<BatchEventHead | null>>();
  private readonly heads = new Map<string, { head: BatchEventHead; at: number }>();
  private readonly tails = new LedgerTailCache();
  /** A counter that orders wake-ups and reads within this process. */
  private marks = 0;
  /** The mark of the last wake-up of each batch that has subscribers, and of any batch at all. */
  private readonly lastWake = new Map<string, number>();
  private lastAnyWake = 0;
  private started: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private count = 0;
  private stopped = false;

  constructor(private readonly deps: { database: Database; logger: Logger }) {}

  /** Starts listening (once; later calls wait for the same LISTEN). Streams await it before reading. */
  start(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.started ??= this.deps.database
      .listen(
        BATCH_EVENTS_CHANNEL,
        (payload) => this.onNotify(payload),
        () => {
          // NOTIFYs sent while the connection was down are gone: every stream re-reads the ledger.
          this.deps.logger.warn(
            { subscribers: this.count },
            "event listener reconnected; waking every stream",
          );
          this.wakeAll();
        },
      )
      .then(
        (unlisten) => {
          this.unlisten = unlisten;
        },
        (error: unknown) => {
          this.started = null; // let the next stream try again
          throw error;
        },
      );
    return this.started;
  }

  /** Stops listening for good and ends every subscribed stream. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const set of [...this.subscribers.values()]) for (const subscriber of [...set]) subscriber.end();
    await this.started?.catch(() => {});
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.started = null;
    this.tails.clear();
    this.heads.clear();
    await unlisten?.();
  }

  /**
   * Registers a wake-up for one batch; the returned function unsubscribes (and is safe to call twice).
   * `since` is the mark a first read must start after: events whose NOTIFY came before the subscription
   * wake nobody, so they must be in that read.
   */
  subscribe(batchId: string, wake: WakeUp, end: () => void): { unsubscribe: () => void; since: number } {
    if (this.stopped) {
      end();
      return { unsubscribe: () => {}, since: this.mark() };
    }
    let set = this.subscribers.get(batchId);
    if (!set) {
      set = new Set();
      this.subscribers.set(batchId, set);
    }
    const entry: Subscriber = { wake, end };
    set.add(entry);
    this.count += 1;
    let active = true;
    // A batch nobody watched has no mark of its own: the last wake-up of any batch is a safe stand-in.
    const since = this.lastWake.get(batchId) ?? this.lastAnyWake;
    this.tails.retain(batchId, this.mark());
    const unsubscribe = () => {
      if (!active) return;
      active = false;
      this.count -= 1;
      this.tails.release(batchId);
      const current = this.subscribers.get(batchId);
      current?.delete(entry);
      if (current?.size === 0) {
        this.subscribers.delete(batchId);
        this.lastWake.delete(batchId);
      }
    };
    return { unsubscribe, since };
  }

  /** How many wake-ups are registered (all batches, or one): tests check it falls back to zero. */
  subscriberCount(batchId?: string): number {
    return batchId === undefined ? this.count : (this.subscribers.get(batchId)?.size ?? 0);
  }

  /** Wakes every subscriber of every batch, as after a reconnect. */
  wakeAll(): void {
    this.lastAnyWake = this.mark();
    this.tails.resetAll(this.lastAnyWake);
    this.heads.clear();
    for (const read of this.headsInFlight.values()) read.stale = true;
    for (const batchId of [...this.subscribers.keys()]) this.wake(batchId, null);
  }

  /** A new mark, later than every one before it. */
  mark(): number {
    this.marks += 1;
    return this.marks;
  }

  /**
   * Reads the ledger after a cursor. Reads of the same batch and cursor share one query when it was sent
   * after `notBefore` (the caller's last wake-up), so a NOTIFY that wakes a thousand streams of one batch,
   * or a thousand of its clients reconnecting at once, costs one read and misses nothing.
   */
  readEvents(
    batchId: string,
    afterSeq: number,
    limit: number,
    notBefore = this.mark(),
  ): Promise<BatchEvent[]> {
    const cached = this.tails.serve(batchId, afterSeq, limit);
    if (cached) return Promise.resolve(cached);
    const key = `${batchId}:${afterSeq}:${limit}`;
    return this.share(this.readsInFlight, key, notBefore, async (read) => {
      const events = await readBatchEvents(this.deps.database.db, batchId, afterSeq, limit);
      this.tails.store(batchId, afterSeq, limit, read.startedAt, events);
      return events;
    });
  }

  /**
   * Where a batch's stream stands (null: no such batch). Concurrent connects to one batch share a read;
   * one that may predate what the client saw (its Last-Event-ID is past the head) is read again.
   */
  async readHead(batchId: string, atLeast = 0): Promise<BatchEventHead | null> {
    const cached = this.heads.get(batchId);
    if (cached && performance.now() - cached.at < HEAD_TTL_MS && cached.head.lastSeq >= atLeast)
      return cached.head;
    const read = async (entry: SharedRead<BatchEventHead | null>) => {
      const head = await readBatchEventHead(this.deps.database.db, batchId);
      // Wake-ups follow the commit, so the head may name a seq whose NOTIFY is still on its way: the
      // cached tail must not answer for it until a read has brought it in.
      if (head) this.tails.noteNotify(batchId, head.lastSeq, this.mark());
      if (head && !entry.stale) {
        if (this.heads.size >= MAX_HEADS) this.heads.clear();
        this.heads.set(batchId, { head, at: performance.now() });
      }
      return head;
    };
    const head = await this.share(this.headsInFlight, batchId, 0, read);
    if (head === null || head.lastSeq >= atLeast) return head;
    return this.share(this.headsInFlight, batchId, this.mark(), read);
  }

  private share<T>(
    inFlight: Map<string, SharedRead<T>>,
    key: string,
    notBefore: number,
    read: (entry: SharedRead<T>) => Promise<T>,
  ): Promise<T> {
    const current = inFlight.get(key);
    if (current && current.startedAt > notBefore) return current.result;
    const entry: SharedRead<T> = { startedAt: this.mark(), result: Promise.resolve(undefined as T) };
    entry.result = read(entry).finally(() => {
      if (inFlight.get(key) === entry) inFlight.delete(key);
    });
    inFlight.set(key, entry);
    return entry.result;
  }

  private onNotify(payload: string): void {
    // "batchId:seq"; a bare batch id (or a seq that is not a number) wakes its streams to read anyway.
    const separator = payload.lastIndexOf(":");
    const batchId = separator > 0 ? payload.slice(0, separator) : payload;
    const seq = separator > 0 ? Number(payload.slice(separator + 1)) : Number.NaN;
    this.lastAnyWake = this.mark();
    this.wake(batchId, Number.isSafeInteger(seq) ? seq : null);
  }

  private wake(batchId: string, seq: number | null): void {
    const mark = this.mark();
    // Whatever was known of the batch's head is older than this event.
    this.heads.delete(batchId);
    const headRead = this.headsInFlight.get(batchId);
    if (headRead) headRead.stale = true;
    this.tails.noteNotify(batchId, seq, mark);
    const set = this.subscribers.get(batchId);
    if (!set) return;
    this.lastWake.set(batchId, mark);
    // A Set may lose members while it is iterated (a stream that ends); it gains none here.
    for (const subscriber of set) {
      try {
        subscriber.wake(seq, mark);
      } catch (error) {
        this.deps.logger.error({ err: error, batchId }, "event subscriber failed");
      }
    }
  }
}
