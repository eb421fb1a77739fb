/**
 * One SSE connection's body: subscribe first, then send a snapshot (fresh client) or replay the ledger
 * after the client's last id, then live events as the bus wakes it — each id once, in order.
 */
import { type BatchEvent, type BatchWithJobs, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { BatchNotFoundError } from "../batches/batch-errors.ts";
import { readBatchWithJobs } from "../batches/read-batch.ts";
import type { Db } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import type { BatchEventBus } from "./batch-event-bus.ts";
import type { BatchEventHead } from "./batch-event-ledger.ts";

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
  seenSeq: number | null;
  /** The batch as the request check saw it: its newest seq, whether it had finished, its oldest retained seq. */
  head: BatchEventHead;
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
/** A comment frame: shared by every stream, never changed. */
const HEARTBEAT = encoder.encode(":\n\n");

export function frameOf(event: BatchEvent, withId = true): string {
  const id = withId ? `id: ${event.seq}\n` : "";
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Encoded frames by event: the streams of one batch share one ledger read, so its events are the same
 * objects for all of them, and each is serialised once, not once per stream.
 */
const encodedFrames = new WeakMap<BatchEvent, Uint8Array>();

function encodedFrameOf(event: BatchEvent): Uint8Array {
  let bytes = encodedFrames.get(event);
  if (!bytes) {
    bytes = encoder.encode(frameOf(event));
    encodedFrames.set(event, bytes);
  }
  return bytes;
}

/** One chunk for several frames: one socket write for the events of one wake-up, not one each. */
function joined(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function openBatchEventStream(options: BatchEventStreamOptions): ReadableStream<Uint8Array> {
  const { bus, batchId } = options;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** The newest seq sent on this connection: nothing at or below it is sent again. */
  let cursor = options.seenSeq ?? 0;
  let closed = false;
  let draining = false;
  let wokenWhileDraining = false;
  let waitingForRoom = false;
  let stalledTicks = 0;
  /** Bytes ever queued, and how many of them the client had taken at the last heartbeat tick. */
  let queuedBytes = 0;
  let takenAtLastTick = 0;
  /** When anything was last queued (performance.now()). */
  let lastQueuedAt = 0;
  /** Events read from the ledger but not yet queued (the rest of a page, while the client catches up). */
  let unsent: BatchEvent[] = [];
  let morePages = false;
  let finished = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: () => void = () => {};
  /** The bus's mark of the last wake-up: a ledger read must have been sent after it to be used. */
  let knownSince = 0;

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

  const sendBytes = (bytes: Uint8Array): boolean => {
    if (closed || !controller) return false;
    queuedBytes += bytes.length;
    lastQueuedAt = performance.now();
    controller.enqueue(bytes);
    return true;
  };
  const send = (text: string): boolean => sendBytes(encoder.encode(text));
  /** Bytes the client has read off the queue: queued in all minus those still waiting in it. */
  const takenBytes = () => queuedBytes - (options.maxBufferBytes - (controller?.desiredSize ?? 0));

  const sendSnapshot = async (reset: string | null) => {
    const batch = await readSnapshot(options.db, batchId);
    if (closed) return;
    const at = options.now().toISOString();
    const seq = batch.lastSeq;
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
            const events = await bus.readEvents(batchId, cursor, PAGE_SIZE, knownSince);
            if (closed) return;
            const first = events[0];
            if (!first) break;
            if (first.seq > cursor + 1) {
              // Pruned while we were away: the client cannot be brought up to date event by event.
              await sendSnapshot(`Events ${cursor + 1} to ${first.seq - 1} are no longer retained.`);
              continue;
            }
            // Shared with every stream that made the same read: sliced, never changed in place.
            unsent = first.seq > cursor ? events : events.filter((event) => event.seq > cursor);
            morePages = events.length === PAGE_SIZE;
          }
          // Stop at half the limit and go on when the client has taken some (pull): a long replay
          // holds at most about half the limit queued plus the rest of one page.
          const room = (controller?.desiredSize ?? 0) - options.maxBufferBytes / 2;
          const chunks: Uint8Array[] = [];
          let length = 0;
          let taken = 0;
          while (taken < unsent.length && length <= room) {
            const event = unsent[taken++]!;
            const bytes = encodedFrameOf(event);
            chunks.push(bytes);
            length += bytes.length;
            cursor = event.seq;
            finished = event.type === "batch.completed";
          }
          unsent = taken === unsent.length ? [] : unsent.slice(taken);
          if (chunks.length > 0 && !sendBytes(joined(chunks, length))) return;
          if (unsent.length > 0) {
            waitingForRoom = true;
            return;
          }
          if (!morePages) break;
        }
      } while (wokenWhileDraining || readAgainToHead());
      if (finished) close();
    } catch (error) {
      // End cleanly: the browser reconnects with its Last-Event-ID and the ledger fills the gap.
      options.logger.error({ err: error, batchId }, "event stream failed");
      close();
    } finally {
      draining = false;
    }
  };

  /**
   * The head said the batch had finished at a seq this stream has not reached: a shared read sent before
   * the head was read stopped short of it (wake-ups follow commits). One read sent from now on reaches it.
   */
  let readAgain = true;
  const readAgainToHead = () => {
    if (!finished || cursor >= options.head.lastSeq || !readAgain) return false;
    readAgain = false;
    knownSince = bus.mark();
    return true;
  };

  const onWake = (seq: number | null, mark: number) => {
    if (seq !== null && seq <= cursor) return;
    knownSince = Math.max(knownSince, mark);
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
    // A heartbeat fills silence (never more than one and a half intervals of it): a stream that carried
    // events within the last half interval is plainly alive, and ten thousand needless writes per
    // interval are what tipped a busy instance into queueing events. A backlogged client has bytes to
    // read already; a heartbeat would only add to them.
    const quiet = performance.now() - lastQueuedAt >= options.heartbeatMs / 2;
    if (quiet && !backlogged()) sendBytes(HEARTBEAT);
  };

  const begin = async () => {
    options.signal.addEventListener("abort", onAbort);
    if (options.signal.aborted) return close();
    // Subscribe (on a live LISTEN) before reading anything, so an event committed in between still wakes us.
    await bus.start();
    if (closed) return;
    const subscription = bus.subscribe(batchId, onWake, () => close());
    unsubscribe = subscription.unsubscribe;
    knownSince = subscription.since;
    heartbeat = setInterval(tick, options.heartbeatMs);
    send(`retry: ${SSE_RETRY_MS}\n\n`);
    if (options.seenSeq === null) {
      await sendSnapshot(null);
    } else {
      // A caught-up client of a finished batch gets nothing more: the stream ends after the (empty) replay.
      finished = options.head.finished;
      const oldest = options.head.oldestSeq;
      const missing = oldest === null ? options.head.lastSeq > cursor : oldest > cursor + 1;
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

/** The batch and its jobs as of one moment, so its lastSeq matches the jobs it shows. */
async function readSnapshot(db: Db, batchId: string): Promise<BatchWithJobs> {
  const batch = await db.transaction((tx) => readBatchWithJobs(tx, batchId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  if (!batch) throw new BatchNotFoundError(batchId);
  return batch;
}
