/**
 * The in-process fan-out of batch event wake-ups: one LISTEN per instance, subscribers per batch, and
 * one shared ledger read per (batch, cursor) however many streams of that batch wake at once.
 */
import { BATCH_EVENTS_CHANNEL, type BatchEvent } from "@splitstream/shared";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { readBatchEvents } from "./batch-event-ledger.ts";

/** Called with the newest seq a NOTIFY named, or null when anything may have been missed (a reconnect). */
export type WakeUp = (seq: number | null) => void;

interface Subscriber {
  wake: WakeUp;
  /** The instance is shutting down: end the stream so its client reconnects elsewhere. */
  end: () => void;
}

export class BatchEventBus {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly readsInFlight = new Map<string, Promise<BatchEvent[]>>();
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
    await unlisten?.();
  }

  /** Registers a wake-up for one batch; the returned function unsubscribes (and is safe to call twice). */
  subscribe(batchId: string, wake: WakeUp, end: () => void): () => void {
    if (this.stopped) {
      end();
      return () => {};
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
    return () => {
      if (!active) return;
      active = false;
      this.count -= 1;
      const current = this.subscribers.get(batchId);
      current?.delete(entry);
      if (current?.size === 0) this.subscribers.delete(batchId);
    };
  }

  /** How many wake-ups are registered (all batches, or one): tests check it falls back to zero. */
  subscriberCount(batchId?: string): number {
    return batchId === undefined ? this.count : (this.subscribers.get(batchId)?.size ?? 0);
  }

  /** Wakes every subscriber of every batch, as after a reconnect. */
  wakeAll(): void {
    for (const batchId of [...this.subscribers.keys()]) this.wake(batchId, null);
  }

  /**
   * Reads the ledger after a cursor; concurrent reads of the same batch and cursor share one query, so a
   * NOTIFY that wakes a thousand streams of one batch costs one read.
   */
  readEvents(batchId: string, afterSeq: number, limit: number): Promise<BatchEvent[]> {
    const key = `${batchId}:${afterSeq}:${limit}`;
    const inFlight = this.readsInFlight.get(key);
    if (inFlight) return inFlight;
    const read = readBatchEvents(this.deps.database.db, batchId, afterSeq, limit).finally(() => {
      this.readsInFlight.delete(key);
    });
    this.readsInFlight.set(key, read);
    return read;
  }

  private onNotify(payload: string): void {
    const separator = payload.lastIndexOf(":");
    const batchId = payload.slice(0, separator);
    const seq = Number(payload.slice(separator + 1));
    this.wake(batchId, separator > 0 && Number.isSafeInteger(seq) ? seq : null);
  }

  private wake(batchId: string, seq: number | null): void {
    const set = this.subscribers.get(batchId);
    if (!set) return;
    for (const subscriber of [...set]) {
      try {
        subscriber.wake(seq);
      } catch (error) {
        this.deps.logger.error({ err: error, batchId }, "event subscriber failed");
      }
    }
  }
}
