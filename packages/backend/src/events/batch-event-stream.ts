/**
 * One SSE connection's body: subscribe first, then send a snapshot (fresh client) or replay the ledger
 * after the client's last id, then live events as the bus wakes it — each id once, in order.
 */
import { type BatchEvent, type BatchWithJobs, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { getBatchWithJobs } from "../services/get-batch.ts";
import type { BatchEventBus } from "./batch-event-bus.ts";
import { oldestRetainedSeq } from "./batch-event-ledger.ts";

/** How long the browser waits before reconnecting after the stream ends or drops. */
export const SSE_RETRY_MS = 2000;
/** Ledger rows read per query while replaying. */
const PAGE_SIZE = 200;

export interface BatchEventStreamOptions {
  bus: BatchEventBus;
  db: Db;
  logger: Logger;
  batchId: string;
  /** The last id the client saw; null for a fresh client, which gets a snapshot first. */
  lastEventId: number | null;
  /** The batch as the request check saw it: its newest seq, and whether it had finished. */
  head: { lastEventId: number; finished: boolean };
  heartbeatMs: number;
  /**
   * Unsent bytes this connection may queue: reading the ledger pauses at half of it until the client
   * catches up, and a client that takes nothing for a heartbeat interval after that is dropped.
   */
  maxBufferBytes: number;
  now: () => Date;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Drops the client's socket at once (so a slow client's queued bytes are freed, not flushed). */
  dropConnection?: () => void;
  /** Runs once when the stream is over, for whatever reason. */
  onClose: () => void;
}

const encoder = new TextEncoder();

export function frameOf(event: BatchEvent, withId = true): string {
  const id = withId ? `id: ${event.seq}\n` : "";
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function openBatchEventStream(options: BatchEventStreamOptions): ReadableStream<Uint8Array> {
  const { bus, batchId } = options;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** The newest seq sent on this connection: nothing at or below it is sent again. */
  let cursor = options.lastEventId ?? 0;
  let closed = false;
  let draining = false;
  let wokenWhileDraining = false;
  let waitingForRoom = false;
  let stalledTicks = 0;
  /** Bytes ever queued, and how many of them the client had taken at the last heartbeat tick. */
  let queuedBytes = 0;
  let takenAtLastTick = 0;
  /** Events read from the ledger but not yet queued (the rest of a page, while the client catches up). */
  let unsent: BatchEvent[] = [];
  let morePages = false;
  let finished = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: () => void = () => {};

  const close = (why?: "slow-client") => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    unsent = [];
    options.signal.removeEventListener("abort", onAbort);
    options.onClose();
    try {
      controller?.close();
    } catch {
      // Already cancelled by the client.
    }
    if (why === "slow-client") {
      options.logger.info(
        { batchId },
        "closing a slow event stream; the client will resume from its last id",
      );
      options.dropConnection?.();
    }
  };
  const onAbort = () => close();

  /** Queued but unsent bytes over half the limit: stop reading the ledger until the client catches up. */
  const backlogged = () => (controller?.desiredSize ?? 0) < options.maxBufferBytes / 2;

  const send = (text: string): boolean => {
    if (closed || !controller) return false;
    const bytes = encoder.encode(text);
    queuedBytes += bytes.length;
    controller.enqueue(bytes);
    return true;
  };
  /** Bytes the client has read off the queue: queued in all minus those still waiting in it. */
  const takenBytes = () => queuedBytes - (options.maxBufferBytes - (controller?.desiredSize ?? 0));

  const sendSnapshot = async (reset: string | null) => {
    const batch = await readSnapshot(options.db, batchId);
    if (closed) return;
    const at = options.now().toISOString();
    const seq = batch.lastEventId;
    // The reset carries no id: the snapshot right after it is the position the client resumes from.
    if (reset !== null && !send(frameOf({ type: "batch.reset", seq, batchId, at, reason: reset }, false)))
      return;
    if (!send(frameOf({ type: "batch.snapshot", seq, batchId, at, batch }))) return;
    cursor = seq;
    finished = TERMINAL_BATCH_STATUSES.includes(batch.status);
  };

  /** Sends every stored event after the cursor; one loop at a time, re-run if woken meanwhile. */
  const drain = async () => {
    if (draining) {
      wokenWhileDraining = true;
      return;
    }
    draining = true;
    try {
      do {
        wokenWhileDraining = false;
        for (;;) {
          if (closed) return;
          if (unsent.length === 0) {
            const events = await bus.readEvents(batchId, cursor, PAGE_SIZE);
            if (closed) return;
            const first = events[0];
            if (!first) break;
            if (first.seq > cursor + 1) {
              // Pruned while we were away: the client cannot be brought up to date event by event.
              await sendSnapshot(`Events ${cursor + 1} to ${first.seq - 1} are no longer retained.`);
              continue;
            }
            unsent = events.filter((event) => event.seq > cursor);
            morePages = events.length === PAGE_SIZE;
          }
          while (unsent.length > 0) {
            // Stop at half the limit and go on when the client has taken some (pull): a long replay
            // holds at most about half the limit queued plus the rest of one page.
            if (backlogged()) {
              waitingForRoom = true;
              return;
            }
            const event = unsent.shift()!;
            if (!send(frameOf(event))) return;
            cursor = event.seq;
            finished = event.type === "batch.completed";
          }
          if (!morePages) break;
        }
      } while (wokenWhileDraining);
      if (finished) close();
    } catch (error) {
      // End cleanly: the browser reconnects with its Last-Event-ID and the ledger fills the gap.
      options.logger.error({ err: error, batchId }, "event stream failed");
      close();
    } finally {
      draining = false;
    }
  };

  const onWake = (seq: number | null) => {
    if (seq !== null && seq <= cursor) return;
    void drain();
  };

  const tick = () => {
    // The buffer is at its limit and the client has taken nothing for a whole interval: drop it (it
    // reconnects with its Last-Event-ID and misses nothing), rather than hold its events for ever.
    // Progress is counted in bytes taken: pull() alone is no sign, since every enqueue under the
    // high-water mark calls it too.
    const taken = takenBytes();
    stalledTicks = waitingForRoom && taken === takenAtLastTick ? stalledTicks + 1 : 0;
    takenAtLastTick = taken;
    if (stalledTicks >= 2) return close("slow-client");
    // A backlogged client has bytes to read already; a heartbeat would only add to them.
    if (!backlogged()) send(":\n\n");
  };

  const begin = async () => {
    options.signal.addEventListener("abort", onAbort);
    if (options.signal.aborted) return close();
    // Subscribe (on a live LISTEN) before reading anything, so an event committed in between still wakes us.
    await bus.start();
    if (closed) return;
    unsubscribe = bus.subscribe(batchId, onWake, () => close());
    heartbeat = setInterval(tick, options.heartbeatMs);
    send(`retry: ${SSE_RETRY_MS}\n\n`);
    if (options.lastEventId === null) {
      await sendSnapshot(null);
    } else {
      // A caught-up client of a finished batch gets nothing more: the stream ends after the (empty) replay.
      finished = options.head.finished;
      const oldest = await oldestRetainedSeq(options.db, batchId);
      const missing = oldest === null ? options.head.lastEventId > cursor : oldest > cursor + 1;
      if (missing && !closed)
        await sendSnapshot(`Events after ${cursor} are no longer retained; here is the batch as it is now.`);
    }
    await drain();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        begin().catch((error: unknown) => {
          options.logger.error({ err: error, batchId }, "event stream failed to start");
          close();
        });
      },
      pull() {
        if (waitingForRoom && !backlogged()) {
          waitingForRoom = false;
          void drain();
        }
      },
      cancel() {
        close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: options.maxBufferBytes }),
  );
}

/** The batch and its jobs as of one moment, so its lastEventId matches the jobs it shows. */
function readSnapshot(db: Db, batchId: string): Promise<BatchWithJobs> {
  return db.transaction((tx) => getBatchWithJobs({ db: tx, batchId }), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}
