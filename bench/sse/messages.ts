/** The IPC messages between the SSE benchmark's runner, its client processes and its event driver. */

/** Milliseconds on the machine's wall clock with sub-millisecond resolution, comparable across processes. */
export const wallClock = () => performance.timeOrigin + performance.now();

export interface ClientAssignment {
  batchId: string;
  /** The 127.0.0.x address the connection comes from (spreads ports and per-IP counts). */
  localAddress: string;
}

export type ToClient =
  | {
      type: "open";
      host: string;
      port: number;
      connections: ClientAssignment[];
      /** Connects in flight at once while opening (the reconnect storm has no such limit). */
      connectConcurrency: number;
      /** Every stream has this seq once its replay is through (the batches' creation events). */
      readySeq: number;
    }
  | { type: "drop" }
  | {
      type: "report";
      /** Per batch: commit time by seq (NaN where the driver did not write it), and its last seq. */
      commits: Record<string, Float64Array>;
      finalSeq: Record<string, number>;
      /** Receipts in [from, to) on the first connection count towards the delivery rate. */
      window: { from: number; to: number };
    };

export type FromClient =
  | { type: "ready"; connected: number; at: number }
  | { type: "reconnected"; at: number; refused: number }
  | { type: "finished"; at: number }
  | { type: "report"; report: ClientReport };

/** Lost and duplicated events over a client process's streams, in one phase. */
export interface DeliveryCheck {
  lost: number;
  duplicated: number;
  clientsWithLoss: number;
  clientsWithDuplicates: number;
  maxLostPerClient: number;
  maxDuplicatedPerClient: number;
}

export interface ClientReport {
  clients: number;
  /** Commit-to-receipt milliseconds of each first receipt: on the first connection, and after the drop. */
  steadyLatencies: Float64Array;
  stormLatencies: Float64Array;
  /** The commit times of those receipts, in the same order (for the per-second timeline). */
  steadyCommits: Float64Array;
  stormCommits: Float64Array;
  /** Receipts of live events inside the rate window. */
  windowReceipts: number;
  /** Ids 1..(last id before the drop) on the first connection; the rest up to the batch's last after it. */
  steady: DeliveryCheck;
  storm: DeliveryCheck;
  /** Streams that never got batch.completed and the server's end of the stream. */
  unfinished: number;
  /** Per stream after the drop: ms from the drop to the response head, and from connect() to TCP established. */
  reconnectMs: Float64Array;
  tcpConnectMs: Float64Array;
  /** Streams that ended or failed without the benchmark dropping them (by error code), and refused (non-200) requests. */
  unplannedReconnects: Record<string, number>;
  refused: number;
}

export type ToDriver =
  | { type: "setup"; databaseUrl: string; batches: number; jobsPerBatch: number }
  | {
      type: "run";
      /** Events per second per batch. */
      rate: number;
      /** Events each batch gets after its creation events (the last one is batch.completed). */
      eventsPerBatch: number;
    };

export type FromDriver =
  | { type: "ready"; batchIds: string[]; initialSeq: number }
  | { type: "started"; at: number }
  | { type: "done"; result: DriverResult };

export interface DriverResult {
  commits: Record<string, Float64Array>;
  finalSeq: Record<string, number>;
  transactions: number;
  events: number;
  seconds: number;
  /** How late transactions started against their schedule (ms): p50 and max. */
  lateP50: number;
  lateMax: number;
  /** Batches whose processing_batches.last_event_id differs from the events the driver counted. */
  mismatchedBatches: number;
}
