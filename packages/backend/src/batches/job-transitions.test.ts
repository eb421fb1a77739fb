/** The transitions as data: rows in, changes out. No database; every terminal case and status derivation. */
import type { BatchStatus, NewBatchEvent } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import type { BatchRow, JobRow } from "../db/schema/index.ts";
import { BatchConflictError } from "./batch-errors.ts";
import { deriveBatchStatus } from "./batch-status.ts";
import {
  cancelBatch,
  cancelJobs,
  chooseSwimmer,
  completeJob,
  enterStage,
  failJob,
  retryBatch,
  type SwimmerQuery,
  scheduleRetry,
  type TransitionState,
} from "./job-transitions.ts";

const T0 = new Date("2026-12-04T10:00:00.000Z");
const NOW = new Date("2026-12-04T10:05:00.000Z");
const context = { now: NOW, newCode: () => "NEWCODE12345" };

function batchRow(over: Partial<BatchRow> = {}): BatchRow {
  return {
    id: "b-1",
    swimmerName: "Mira Testwater",
    swimmerChoice: null,
    notificationEmail: null,
    status: "processing",
    totalJobs: 3,
    completedJobs: 0,
    failedJobs: 0,
    cancelledJobs: 0,
    cachedJobs: 0,
    lastSeq: 7,
    clientIp: null,
    createdAt: T0,
    updatedAt: T0,
    startedAt: T0,
    completedAt: null,
    expiresAt: new Date("2027-01-03T10:00:00.000Z"),
    notificationSentAt: null,
    ...over,
  };
}

function jobRow(id: string, over: Partial<JobRow> = {}): JobRow {
  return {
    id,
    batchId: "b-1",
    position: 0,
    sourceType: "url",
    sourceUrl: `https://meets.example.org/${id}.pdf`,
    fileName: `${id}.pdf`,
    sha256: null,
    fileSize: null,
    status: "processing",
    stage: "extracting",
    lastCompletedStage: "downloading",
    cached: false,
    progressMessage: null,
    errorCode: null,
    errorMessage: null,
    extractorVersion: null,
    swimmerResult: null,
    courseOverride: null,
    attempts: 1,
    retryCount: 0,
    runAt: T0,
    lockedBy: "host-1/0",
    lockedUntil: new Date(NOW.getTime() + 30_000),
    heartbeatAt: T0,
    cancelRequested: false,
    createdAt: T0,
    updatedAt: T0,
    startedAt: T0,
    completedAt: null,
    downloadStartedAt: null,
    downloadBytesReceived: null,
    downloadBytesExpected: null,
    downloadMs: null,
    parseStartedAt: null,
    pagesRead: null,
    parseMs: null,
    ...over,
  };
}

function state(batch: Partial<BatchRow>, jobs: JobRow[], resultCode: string | null = null): TransitionState {
  return { batch: batchRow(batch), jobs, resultCode };
}

const types = (events: readonly NewBatchEvent[]) => events.map((event) => event.type);
const completed = {
  cached: false,
  select: () => ({ swimCount: 4, swimmerResult: { swims: [] } }),
  extractorVersion: "3.0.0",
};
const failure = {
  code: "CORRUPT_PDF" as const,
  message: "The PDF is damaged.",
  context: {},
  retryable: false,
  workerId: "host-1/0",
};

describe("deriveBatchStatus", () => {
  const cases: [total: number, done: number, failed: number, cancelled: number, status: BatchStatus][] = [
    [3, 0, 0, 0, "processing"],
    [3, 2, 0, 0, "processing"],
    [3, 1, 1, 0, "processing"],
    [3, 3, 0, 0, "completed"],
    [3, 2, 1, 0, "partial"],
    [3, 1, 0, 2, "partial"],
    [3, 0, 3, 0, "failed"],
    [3, 0, 0, 3, "cancelled"],
    [3, 0, 2, 1, "cancelled"],
    [1, 1, 0, 0, "completed"],
  ];
  it.each(cases)(
    "%i jobs, %i completed, %i failed, %i cancelled: %s",
    (total, done, failed, cancelled, status) => {
      expect(
        deriveBatchStatus({
          totalJobs: total,
          completedJobs: done,
          failedJobs: failed,
          cancelledJobs: cancelled,
          cachedJobs: 0,
        }),
      ).toBe(status);
    },
  );
});

describe("enterStage", () => {
  it("starts a pending batch on its first move, and only then", () => {
    const first = enterStage(
      state({ status: "pending", startedAt: null }, [jobRow("j1")]),
      { stage: "downloading", message: "Downloading" },
      context,
    );
    expect(first.batchChange).toEqual({ status: "processing", startedAt: NOW, updatedAt: NOW });
    const later = enterStage(state({}, [jobRow("j1")]), { stage: "extracting", message: "Reading" }, context);
    expect(later.batchChange).toEqual({});
  });

  it("sets the stage's status and says so in one job.stage event, cached if the job or the change is", () => {
    const moved = enterStage(
      state({}, [jobRow("j1", { cached: true })]),
      { stage: "caching", message: "Saving", changes: { parseMs: 40 } },
      context,
    );
    expect(moved.jobUpdates).toEqual([
      {
        ids: ["j1"],
        change: {
          parseMs: 40,
          stage: "caching",
          status: "processing",
          progressMessage: "Saving",
          updatedAt: NOW,
        },
      },
    ]);
    expect(moved.events).toEqual([
      {
        type: "job.stage",
        jobId: "j1",
        stage: "caching",
        status: "processing",
        cached: true,
        message: "Saving",
      },
    ]);
  });
});

describe("settling the last job finishes the batch", () => {
  const cases: {
    name: string;
    batch: Partial<BatchRow>;
    settle: (s: TransitionState) => ReturnType<typeof completeJob>;
    status: BatchStatus;
  }[] = [
    {
      name: "all completed",
      batch: { completedJobs: 2 },
      settle: (s) => completeJob(s, completed, context),
      status: "completed",
    },
    {
      name: "completed after a failure",
      batch: { completedJobs: 1, failedJobs: 1 },
      settle: (s) => completeJob(s, completed, context),
      status: "partial",
    },
    {
      name: "failed after completions",
      batch: { completedJobs: 2 },
      settle: (s) => failJob(s, failure, context),
      status: "partial",
    },
    {
      name: "all failed",
      batch: { failedJobs: 2 },
      settle: (s) => failJob(s, failure, context),
      status: "failed",
    },
    {
      name: "failed after cancels",
      batch: { cancelledJobs: 2 },
      settle: (s) => failJob(s, failure, context),
      status: "cancelled",
    },
    {
      name: "cancelled after completions",
      batch: { completedJobs: 2 },
      settle: (s) => cancelJobs(s, context),
      status: "partial",
    },
    {
      name: "all cancelled",
      batch: { cancelledJobs: 2 },
      settle: (s) => cancelJobs(s, context),
      status: "cancelled",
    },
  ];
  it.each(cases)("$name: $status, a result link and batch.completed last", ({ batch, settle, status }) => {
    const transition = settle(state(batch, [jobRow("j3")]));
    expect(transition.batchChange).toMatchObject({ status, completedAt: NOW, startedAt: T0 });
    expect(transition.newResultCode).toBe("NEWCODE12345");
    const last = transition.events.at(-1);
    expect(last).toMatchObject({ type: "batch.completed", batchStatus: status, resultCode: "NEWCODE12345" });
  });

  it("keeps the link the batch already has (a batch retried and finished again)", () => {
    const transition = completeJob(
      state({ completedJobs: 2 }, [jobRow("j3")], "OLDCODE12345"),
      completed,
      context,
    );
    expect(transition.newResultCode).toBeNull();
    expect(transition.events.at(-1)).toMatchObject({ type: "batch.completed", resultCode: "OLDCODE12345" });
  });

  it("a batch that never started gets its start time when it ends", () => {
    const transition = cancelJobs(
      state({ status: "pending", startedAt: null, totalJobs: 1 }, [jobRow("j1")]),
      context,
    );
    expect(transition.batchChange).toMatchObject({ status: "cancelled", startedAt: NOW });
  });
});

describe("completeJob", () => {
  it("before the last job: counters move, the batch stays open, the events carry the counts", () => {
    const transition = completeJob(
      state({ completedJobs: 1 }, [jobRow("j2")]),
      { ...completed, cached: true },
      context,
    );
    expect(transition.batchChange).toEqual({
      completedJobs: 2,
      failedJobs: 0,
      cancelledJobs: 0,
      cachedJobs: 1,
      updatedAt: NOW,
    });
    expect(transition.newResultCode).toBeNull();
    expect(types(transition.events)).toEqual(["job.stage", "job.completed"]);
    expect(transition.events[1]).toMatchObject({
      batchStatus: "processing",
      counts: { total: 3, completed: 2, failed: 0, cancelled: 0, cached: 1 },
      swimCount: 4,
    });
    expect(transition.jobUpdates[0]?.change).toMatchObject({
      status: "completed",
      stage: "done",
      lockedBy: null,
      lockedUntil: null,
    });
  });

  it("selects for the name and choice on the locked batch row (a name corrected mid-parse counts)", () => {
    const asked: unknown[] = [];
    const select = (swimmer: unknown) => {
      asked.push(swimmer);
      return { swimCount: 1, swimmerResult: { for: swimmer } };
    };
    const choice = { team: "Harbour SC", birthYear: 2011 };
    const transition = completeJob(
      state({ swimmerName: "Mira Testwaters", swimmerChoice: choice }, [jobRow("j1")]),
      { ...completed, select },
      context,
    );
    expect(asked).toEqual([
      expect.objectContaining({ swimmerName: "Mira Testwaters", swimmerChoice: choice }),
    ]);
    expect(transition.jobUpdates[0]?.change.swimmerResult).toEqual({ for: asked[0] });
    expect(transition.events[1]).toMatchObject({ type: "job.completed", swimCount: 1 });
  });

  it("a cache hit announces the stages it passed, in order, before done", () => {
    const passedStages = [
      { stage: "extracting" as const, message: "Parsed before" },
      { stage: "caching" as const, message: "Cached result found" },
    ];
    const transition = completeJob(
      state({}, [jobRow("j1")]),
      { ...completed, cached: true, passedStages },
      context,
    );
    expect(
      transition.events.flatMap((event) => (event.type === "job.stage" ? [[event.stage, event.cached]] : [])),
    ).toEqual([
      ["extracting", true],
      ["caching", true],
      ["done", true],
    ]);
  });
});

describe("failJob and scheduleRetry", () => {
  it("a failure writes its error log row with where the job stood", () => {
    const job = jobRow("j1", { stage: "extracting", attempts: 2, retryCount: 1 });
    const transition = failJob(state({}, [job]), { ...failure, context: { pages: 3 } }, context);
    expect(transition.errorLog).toMatchObject({
      jobId: "j1",
      errorCode: "CORRUPT_PDF",
      retryable: false,
      context: { pages: 3, stage: "extracting", attempts: 2, retryCount: 1, source: job.sourceUrl },
      createdAt: NOW,
    });
    expect(transition.jobUpdates[0]?.change).toMatchObject({
      status: "failed",
      errorCode: "CORRUPT_PDF",
      completedAt: NOW,
    });
  });

  it("a failure answered from the cache marks the job cached, at the last stage it passed", () => {
    const passedStages = [
      { stage: "extracting" as const, message: "Parsed before" },
      { stage: "caching" as const, message: "Cached result found" },
    ];
    const queued = jobRow("j1", { stage: "queued", status: "pending" });
    const transition = failJob(state({}, [queued]), { ...failure, cached: true, passedStages }, context);
    expect(transition.jobUpdates[0]?.change).toMatchObject({ cached: true, stage: "caching" });
    expect(transition.errorLog?.context).toMatchObject({ stage: "caching" });
    expect(types(transition.events)).toEqual(["job.stage", "job.stage", "job.failed"]);
  });

  it("a retry puts the job back in the queue, counts the retry and moves no counter", () => {
    const retryAt = new Date(NOW.getTime() + 2000);
    const transition = scheduleRetry(
      state({}, [jobRow("j1", { retryCount: 1 })]),
      { code: "TIMEOUT", message: "Too slow.", retryAt, context: {}, workerId: "host-1/0" },
      context,
    );
    expect(transition.jobUpdates[0]?.change).toMatchObject({
      status: "pending",
      stage: "queued",
      retryCount: 2,
      runAt: retryAt,
      lockedBy: null,
    });
    expect(transition.batchChange).toEqual({});
    expect(transition.events).toEqual([
      {
        type: "job.retrying",
        jobId: "j1",
        retryCount: 2,
        retryAt: retryAt.toISOString(),
        errorCode: "TIMEOUT",
        errorMessage: "Too slow.",
      },
    ]);
  });
});

describe("cancelBatch", () => {
  it("cancels idle jobs with the counts after each, and asks held ones to stop", () => {
    const idle = jobRow("j1", { status: "pending", lockedBy: null, lockedUntil: null });
    const lapsed = jobRow("j2", { lockedUntil: new Date(NOW.getTime() - 1) });
    const held = jobRow("j3");
    const transition = cancelBatch(state({ status: "pending" }, [idle, lapsed, held]), context);
    expect(
      transition.jobUpdates.map((update) => [update.ids, update.change.status ?? update.change]),
    ).toEqual([
      [["j1", "j2"], "cancelled"],
      [["j3"], { cancelRequested: true }],
    ]);
    expect(
      transition.events.map((event) =>
        event.type === "job.cancelled" ? event.counts.cancelled : event.type,
      ),
    ).toEqual([1, 2]);
    expect(transition.wakeUps).toEqual([["splitstream_cancel", "j3"]]);
    expect(transition.batchChange).toMatchObject({ cancelledJobs: 2, status: "processing" });
  });

  it("refuses a batch with nothing left to cancel", () => {
    expect(() => cancelBatch(state({ status: "completed" }, []), context)).toThrow(BatchConflictError);
  });
});

describe("retryBatch", () => {
  it("requeues retryable failures and cancels, takes them off their counters, reopens the batch and wakes workers", () => {
    const timedOut = jobRow("j1", { status: "failed", errorCode: "TIMEOUT" });
    const cancelled = jobRow("j2", { status: "cancelled", cancelRequested: true });
    const corrupt = jobRow("j3", { status: "failed", errorCode: "CORRUPT_PDF" });
    const transition = retryBatch(
      state({ status: "failed", failedJobs: 2, cancelledJobs: 1, completedAt: NOW }, [
        timedOut,
        cancelled,
        corrupt,
      ]),
      context,
    );
    expect(transition.jobUpdates).toHaveLength(1);
    expect(transition.jobUpdates[0]?.ids).toEqual(["j1", "j2"]);
    expect(transition.jobUpdates[0]?.change).toMatchObject({
      status: "pending",
      retryCount: 0,
      cancelRequested: false,
      errorCode: null,
    });
    expect(transition.batchChange).toEqual({
      status: "processing",
      completedAt: null,
      failedJobs: 1,
      cancelledJobs: 0,
      updatedAt: NOW,
    });
    expect(types(transition.events)).toEqual(["job.stage", "job.stage"]);
    expect(transition.wakeUps).toEqual([["splitstream_jobs", "b-1:2"]]);
  });

  it("refuses when no failure can be cured by trying again, and says which case it is", () => {
    const corrupt = jobRow("j1", { status: "failed", errorCode: "CORRUPT_PDF" });
    expect(() => retryBatch(state({}, [corrupt]), context)).toThrow(/cannot be read however often/);
    expect(() => retryBatch(state({}, []), context)).toThrow(/no file has failed or been cancelled/);
  });
});

describe("chooseSwimmer", () => {
  const chosen = {
    swimmerName: "Mira Testwaters",
    swimmerChoice: { team: "Harbour SC", birthYear: 2011 },
  } as const;
  const readJobs = [
    { jobId: "j-1", select: (swimmer: SwimmerQuery) => ({ for: swimmer.swimmerName, from: "j-1" }) },
    { jobId: "j-2", select: (swimmer: SwimmerQuery) => ({ for: swimmer.swimmerName, from: "j-2" }) },
  ];
  const cases: { name: string; batch: Partial<BatchRow>; jobs: typeof readJobs }[] = [
    { name: "while the batch runs", batch: { status: "processing", completedJobs: 2 }, jobs: readJobs },
    {
      name: "once it has finished",
      batch: { status: "completed", completedJobs: 3, completedAt: NOW },
      jobs: readJobs,
    },
    { name: "before any job was read", batch: { status: "pending", startedAt: null }, jobs: [] },
  ];
  for (const { name, batch, jobs } of cases) {
    it(`keeps the name and choice and selects every read job again, ${name}; no event, no counter`, () => {
      const transition = chooseSwimmer(state(batch, []), { swimmer: chosen, readJobs: jobs });
      expect(transition.batchChange).toEqual({
        swimmerName: chosen.swimmerName,
        swimmerChoice: chosen.swimmerChoice,
      });
      expect(transition.jobUpdates).toEqual(
        jobs.map(({ jobId }) => ({
          ids: [jobId],
          change: { swimmerResult: { for: chosen.swimmerName, from: jobId } },
        })),
      );
      expect(transition.events).toEqual([]);
      expect(transition.wakeUps).toEqual([]);
      expect(transition.newResultCode).toBeNull();
    });
  }
});
