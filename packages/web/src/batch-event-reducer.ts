/** The pure reducer that folds SSE events into a batch in order, once each, whatever order they arrive in. */
import type { BatchEvent, BatchWithJobs, Job } from "@splitstream/shared";

/** Every event but the snapshot: these apply one after another, in seq order. */
export type SequencedEvent = Exclude<BatchEvent, { type: "batch.snapshot" }>;

export interface LiveBatch {
  /** The batch as of `batch.lastSeq`; null until a snapshot (fetch or `batch.snapshot`) arrives. */
  batch: BatchWithJobs | null;
  /** Events that came ahead of a gap, sorted by seq, applied as soon as the gap fills. */
  pending: SequencedEvent[];
  /** The last `job.progress` fraction per job (0..1 or null), for the row's bar. */
  fractions: Record<string, number | null>;
  /** Set by `batch.reset`: the state may have missed events and needs a fresh snapshot. */
  stale: boolean;
}

export const emptyLiveBatch: LiveBatch = { batch: null, pending: [], fractions: {}, stale: false };

/** Seeds the state from a fetched batch (GET /batches/:id) the same way a `batch.snapshot` event does. */
export function applySnapshot(state: LiveBatch, batch: BatchWithJobs): LiveBatch {
  // An older snapshot (a slow fetch overtaken by the stream) must not roll the page back.
  if (state.batch && batch.lastSeq < state.batch.lastSeq && !state.stale) return state;
  const fractions = state.stale ? {} : state.fractions;
  return drain({ batch, pending: state.pending, fractions, stale: false });
}

export function applyBatchEvent(state: LiveBatch, event: BatchEvent): LiveBatch {
  if (event.type === "batch.snapshot") return applySnapshot(state, event.batch);
  if (!state.batch) return { ...state, pending: insertPending(state.pending, event) };
  const watermark = state.batch.lastSeq;
  if (event.seq <= watermark) return state; // seen already: a replay after reconnecting
  if (event.seq > watermark + 1) return { ...state, pending: insertPending(state.pending, event) };
  return drain(applyInOrder(state, event));
}

/** Applies buffered events that now follow the watermark, and drops ones it has passed. */
function drain(state: LiveBatch): LiveBatch {
  let current = state;
  for (;;) {
    const batch = current.batch;
    if (!batch) return current;
    const pending = current.pending.filter((event) => event.seq > batch.lastSeq);
    const next = pending[0];
    if (!next || next.seq !== batch.lastSeq + 1) return { ...current, pending };
    current = applyInOrder({ ...current, pending: pending.slice(1) }, next);
  }
}

function insertPending(pending: SequencedEvent[], event: SequencedEvent): SequencedEvent[] {
  if (pending.some((other) => other.seq === event.seq)) return pending;
  return [...pending, event].sort((a, b) => a.seq - b.seq);
}

/** One event, known to be the next in sequence. */
function applyInOrder(state: LiveBatch, event: SequencedEvent): LiveBatch {
  const batch = state.batch!;
  const next: BatchWithJobs = { ...batch, lastSeq: event.seq };
  let fractions = state.fractions;
  const updateJob = (jobId: string, change: (job: Job) => Job) => {
    next.jobs = batch.jobs.map((job) => (job.id === jobId ? change(job) : job));
  };

  switch (event.type) {
    case "batch.reset":
      return { ...state, batch: next, stale: true };
    case "job.stage": {
      const before = batch.jobs.find((job) => job.id === event.jobId);
      updateJob(event.jobId, (job) => ({
        ...job,
        stage: event.stage,
        status: event.status,
        cached: event.cached,
        progressMessage: event.message,
        startedAt: job.startedAt ?? (event.status === "pending" ? null : event.at),
        ...(event.status === "failed" ? {} : { errorCode: null, errorMessage: null }),
        ...(isTerminalJob(event.status) ? {} : { completedAt: null }),
      }));
      fractions = { ...fractions, [event.jobId]: null };
      // A retried job leaves the failed or cancelled count before any terminal event says so.
      if (before && isTerminalJob(before.status) && !isTerminalJob(event.status)) {
        const counts = { ...next.counts };
        if (before.status === "failed") counts.failed = Math.max(0, counts.failed - 1);
        if (before.status === "cancelled") counts.cancelled = Math.max(0, counts.cancelled - 1);
        if (before.status === "completed") counts.completed = Math.max(0, counts.completed - 1);
        next.counts = counts;
        next.completedAt = null;
      }
      if (!isTerminalJob(event.status) && next.status !== "processing") next.status = "processing";
      next.startedAt ??= event.at;
      break;
    }
    case "job.progress":
      updateJob(event.jobId, (job) => ({ ...job, progressMessage: event.message }));
      fractions = { ...fractions, [event.jobId]: event.fraction };
      break;
    case "job.retrying":
      updateJob(event.jobId, (job) => ({
        ...job,
        retryCount: event.retryCount,
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
        progressMessage: `Retry ${event.retryCount} scheduled after: ${event.errorMessage}`,
      }));
      break;
    case "job.completed":
      updateJob(event.jobId, (job) => ({
        ...job,
        status: "completed",
        stage: "done",
        cached: event.cached,
        swimCount: event.swimCount,
        errorCode: null,
        errorMessage: null,
        completedAt: event.at,
      }));
      fractions = { ...fractions, [event.jobId]: null };
      next.status = event.batchStatus;
      next.counts = event.counts;
      break;
    case "job.failed":
      updateJob(event.jobId, (job) => ({
        ...job,
        status: "failed",
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
        progressMessage: null,
        completedAt: event.at,
      }));
      fractions = { ...fractions, [event.jobId]: null };
      next.status = event.batchStatus;
      next.counts = event.counts;
      break;
    case "job.cancelled":
      // What the file was doing when it was stopped is over: no "Reading the PDF" left behind.
      updateJob(event.jobId, (job) => ({
        ...job,
        status: "cancelled",
        progressMessage: "Cancelled",
        completedAt: event.at,
      }));
      fractions = { ...fractions, [event.jobId]: null };
      next.status = event.batchStatus;
      next.counts = event.counts;
      break;
    case "batch.completed":
      next.status = event.batchStatus;
      next.counts = event.counts;
      next.resultCode = event.resultCode;
      next.completedAt = event.at;
      break;
  }
  return { ...state, batch: next, fractions };
}

function isTerminalJob(status: Job["status"]): boolean {
  return status === "completed" || status === "failed" || status === "cancelled";
}
