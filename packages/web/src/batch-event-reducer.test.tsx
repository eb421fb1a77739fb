/** The event reducer: duplicates, out-of-order events and snapshots leave the right batch state. */
import type { BatchEvent, BatchWithJobs, Job } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import { applyBatchEvent, applySnapshot, emptyLiveBatch, type LiveBatch } from "./batch-event-reducer.ts";

const batchId = "00000000-0000-4000-8000-000000000001";
const jobA = "00000000-0000-4000-8000-00000000000a";
const jobB = "00000000-0000-4000-8000-00000000000b";
const at = "2026-11-24T10:00:00.000Z";

function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: jobA,
    batchId,
    position: 0,
    sourceType: "upload",
    sourceUrl: null,
    fileName: "meet.pdf",
    sha256: null,
    fileSize: 1000,
    status: "pending",
    stage: "queued",
    cached: false,
    progressMessage: null,
    errorCode: null,
    errorMessage: null,
    retryCount: 0,
    attempts: 0,
    swimCount: null,
    createdAt: at,
    startedAt: null,
    completedAt: null,
    ...overrides,
  };
}

function makeBatch(overrides: Partial<BatchWithJobs> = {}): BatchWithJobs {
  return {
    id: batchId,
    swimmerName: "Ada Lovelace",
    status: "pending",
    counts: { total: 2, completed: 0, failed: 0, cancelled: 0, cached: 0 },
    lastSeq: 0,
    hasNotificationEmail: false,
    resultCode: null,
    createdAt: at,
    startedAt: null,
    completedAt: null,
    expiresAt: at,
    jobs: [makeJob(), makeJob({ id: jobB, position: 1, fileName: "second.pdf" })],
    ...overrides,
  };
}

const stage = (
  seq: number,
  jobId: string,
  s: Job["stage"],
  status: Job["status"] = "processing",
): BatchEvent => ({
  type: "job.stage",
  seq,
  batchId,
  at,
  jobId,
  stage: s,
  status,
  cached: false,
  message: `${s}…`,
});

const completed = (seq: number, jobId: string, done: number): BatchEvent => ({
  type: "job.completed",
  seq,
  batchId,
  at,
  jobId,
  cached: false,
  swimCount: 3,
  batchStatus: done === 2 ? "completed" : "processing",
  counts: { total: 2, completed: done, failed: 0, cancelled: 0, cached: 0 },
});

const failed = (seq: number, jobId: string): BatchEvent => ({
  type: "job.failed",
  seq,
  batchId,
  at,
  jobId,
  errorCode: "NOT_RESULTS",
  errorMessage: "This is an entry list.",
  batchStatus: "processing",
  counts: { total: 2, completed: 0, failed: 1, cancelled: 0, cached: 0 },
});

const seeded = (): LiveBatch => applySnapshot(emptyLiveBatch, makeBatch());
const reduce = (state: LiveBatch, events: BatchEvent[]) => events.reduce(applyBatchEvent, state);
const jobOf = (state: LiveBatch, id: string) => state.batch?.jobs.find((job) => job.id === id);

describe("applyBatchEvent", () => {
  const inOrder = [
    stage(1, jobA, "extracting"),
    stage(2, jobB, "extracting"),
    completed(3, jobA, 1),
    stage(4, jobB, "caching"),
    completed(5, jobB, 2),
  ];

  it("applies events in order and ends with the batch's counters and status", () => {
    const state = reduce(seeded(), inOrder);
    expect(state.batch?.lastSeq).toBe(5);
    expect(state.batch?.status).toBe("completed");
    expect(state.batch?.counts.completed).toBe(2);
    expect(jobOf(state, jobA)).toMatchObject({ status: "completed", stage: "done", swimCount: 3 });
    expect(state.pending).toEqual([]);
  });

  it("ignores duplicates, so a replay after a reconnect changes nothing", () => {
    const once = reduce(seeded(), inOrder);
    const twice = reduce(once, [...inOrder, ...inOrder]);
    expect(twice).toEqual(once);
    expect(twice.batch?.jobs).toHaveLength(2);
  });

  it("holds events that arrive ahead of a gap and applies them once the gap fills", () => {
    const shuffled = [inOrder[2]!, inOrder[4]!, inOrder[0]!, inOrder[3]!, inOrder[1]!];
    let state = seeded();
    state = reduce(state, shuffled.slice(0, 2));
    expect(state.batch?.lastSeq).toBe(0);
    expect(state.pending.map((event) => event.seq)).toEqual([3, 5]);
    state = reduce(state, shuffled.slice(2));
    expect(state).toEqual(reduce(seeded(), inOrder));
  });

  it("a stale event never overwrites a newer state (completed stays completed)", () => {
    const state = reduce(seeded(), [...inOrder, stage(2, jobB, "extracting")]);
    expect(jobOf(state, jobB)?.status).toBe("completed");
  });

  it("buffers events until the first snapshot, then applies only those after it", () => {
    let state = reduce(emptyLiveBatch, [stage(3, jobA, "caching"), stage(2, jobA, "extracting")]);
    expect(state.batch).toBeNull();
    const snapshot: BatchEvent = {
      type: "batch.snapshot",
      seq: 2,
      batchId,
      at,
      batch: makeBatch({ lastSeq: 2, jobs: [makeJob({ stage: "extracting", status: "processing" })] }),
    };
    state = applyBatchEvent(state, snapshot);
    expect(state.batch?.lastSeq).toBe(3);
    expect(jobOf(state, jobA)?.stage).toBe("caching");
    expect(state.pending).toEqual([]);
  });

  it("an older snapshot (a slow fetch) does not roll the state back", () => {
    const live = reduce(seeded(), inOrder);
    const older = applySnapshot(live, makeBatch({ lastSeq: 1 }));
    expect(older).toBe(live);
    const newer = applySnapshot(live, makeBatch({ lastSeq: 9, swimmerName: "Ada King" }));
    expect(newer.batch?.swimmerName).toBe("Ada King");
  });

  it("shows a failure with its code, and a retry clears it and the failed count", () => {
    let state = reduce(seeded(), [stage(1, jobA, "extracting"), failed(2, jobA)]);
    expect(jobOf(state, jobA)).toMatchObject({ status: "failed", errorCode: "NOT_RESULTS" });
    expect(state.batch?.counts.failed).toBe(1);
    state = applyBatchEvent(state, stage(3, jobA, "queued", "pending"));
    expect(jobOf(state, jobA)).toMatchObject({ status: "pending", errorCode: null });
    expect(state.batch?.counts.failed).toBe(0);
  });

  it("a reset marks the state stale until a fresh snapshot replaces it", () => {
    let state = applyBatchEvent(seeded(), { type: "batch.reset", seq: 1, batchId, at, reason: "pruned" });
    expect(state.stale).toBe(true);
    state = applySnapshot(state, makeBatch({ lastSeq: 1, status: "completed" }));
    expect(state.stale).toBe(false);
    expect(state.batch?.status).toBe("completed");
  });

  it("keeps the progress fraction per job and clears it on the next stage", () => {
    let state = applyBatchEvent(seeded(), {
      type: "job.progress",
      seq: 1,
      batchId,
      at,
      jobId: jobA,
      message: "Read 4 of 10 pages",
      fraction: 0.4,
    });
    expect(state.fractions[jobA]).toBe(0.4);
    expect(jobOf(state, jobA)?.progressMessage).toBe("Read 4 of 10 pages");
    state = applyBatchEvent(state, stage(2, jobA, "caching"));
    expect(state.fractions[jobA]).toBeNull();
  });

  it("a cancel clears the file's stale progress, and a retry of the cancelled file takes it off the count", () => {
    let state = reduce(seeded(), [
      stage(1, jobA, "extracting"),
      {
        type: "job.progress",
        seq: 2,
        batchId,
        at,
        jobId: jobA,
        message: "Reading page 3 of 9",
        fraction: 0.33,
      },
      {
        type: "job.cancelled",
        seq: 3,
        batchId,
        at,
        jobId: jobA,
        batchStatus: "processing",
        counts: { total: 2, completed: 0, failed: 0, cancelled: 1, cached: 0 },
      },
    ]);
    expect(jobOf(state, jobA)).toMatchObject({ status: "cancelled", progressMessage: "Cancelled" });
    expect(state.fractions[jobA]).toBeNull();
    state = applyBatchEvent(state, stage(4, jobA, "queued", "pending"));
    expect(jobOf(state, jobA)).toMatchObject({ status: "pending", completedAt: null });
    expect(state.batch?.counts.cancelled).toBe(0);
  });

  it("a failure leaves no progress message behind", () => {
    const state = reduce(seeded(), [stage(1, jobA, "extracting"), failed(2, jobA)]);
    expect(jobOf(state, jobA)?.progressMessage).toBeNull();
  });
});
