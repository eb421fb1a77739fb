/**
 * Every change of a job's state as data: each function takes the locked rows and its input and returns
 * what to write (the jobs' new columns, the batch's new counters and status, the events, an error log
 * row, a result link). Nothing here touches the database or the clock; write-transition.ts writes the
 * result in one statement.
 */
import {
  CANCEL_CHANNEL,
  canRetryJob,
  JOBS_CHANNEL,
  type JobErrorCode,
  type JobStage,
  jobsWakeUp,
  type NewBatchEvent,
} from "@splitstream/shared";
import type { BatchRow, JobRow, NewErrorLogRow } from "../db/schema/index.ts";
import type { WakeUp } from "../db/send-wake-ups.ts";
import { BatchConflictError } from "./batch-errors.ts";
import {
  type BatchCounters,
  countsOf,
  deriveBatchStatus,
  isFinished,
  STATUS_OF_STAGE,
} from "./batch-status.ts";

/** What a transition reads, locked: the batch, the jobs it moves, and the batch's result link if it has one. */
export interface TransitionState {
  batch: BatchRow;
  jobs: readonly JobRow[];
  resultCode: string | null;
}

export type BatchChange = Partial<
  Pick<
    BatchRow,
    | "status"
    | "completedJobs"
    | "failedJobs"
    | "cancelledJobs"
    | "cachedJobs"
    | "startedAt"
    | "completedAt"
    | "updatedAt"
    | "swimmerName"
    | "swimmerChoice"
  >
>;

export interface JobTransition {
  batchId: string;
  /** Jobs to change: each entry sets the same new columns on its jobs (no job in two entries). */
  jobUpdates: readonly JobUpdate[];
  /** The batch's new columns; empty when the batch does not change. */
  batchChange: BatchChange;
  events: readonly NewBatchEvent[];
  errorLog: NewErrorLogRow | null;
  /** A result link to make: the batch has just finished and has none. */
  newResultCode: string | null;
  /** NOTIFY wake-ups to send after the commit, besides the batch's stream (workers, cancel requests). */
  wakeUps: readonly WakeUp[];
}

export interface JobUpdate {
  ids: readonly string[];
  change: Partial<JobRow>;
}

/** A stage a job passed without work (a cache hit), announced when the job settles. */
export interface PassedStage {
  stage: JobStage;
  message: string;
}

type CounterDelta = Partial<Record<"completed" | "failed" | "cancelled" | "cached", number>>;

interface Context {
  now: Date;
  /** A fresh result code, used only if the batch finishes without a link. */
  newCode: () => string;
}

export function enterStage(
  state: TransitionState,
  input: { stage: JobStage; message: string; changes?: Partial<JobRow> },
  { now }: Pick<Context, "now">,
): JobTransition {
  const job = onlyJob(state);
  const status = STATUS_OF_STAGE[input.stage];
  const cached = job.cached || input.changes?.cached === true;
  return {
    ...unchanged(state),
    jobUpdates: one(job, {
      ...input.changes,
      stage: input.stage,
      status,
      progressMessage: input.message,
      updatedAt: now,
    }),
    batchChange: startIfPending(state.batch, now),
    events: [
      { type: "job.stage", jobId: job.id, stage: input.stage, status, cached, message: input.message },
    ],
  };
}

/** Records that a stage finished, so a job claimed again after a crash resumes after it. No event. */
export function completeStage(
  state: TransitionState,
  input: { stage: JobStage; changes?: Partial<JobRow> },
  { now }: Pick<Context, "now">,
): JobTransition {
  const job = onlyJob(state);
  return {
    ...unchanged(state),
    jobUpdates: one(job, { ...input.changes, lastCompletedStage: input.stage, updatedAt: now }),
  };
}

export function reportProgress(
  state: TransitionState,
  input: { message: string; fraction: number | null },
  { now }: Pick<Context, "now">,
): JobTransition {
  const job = onlyJob(state);
  return {
    ...unchanged(state),
    jobUpdates: one(job, { progressMessage: input.message, updatedAt: now }),
    events: [{ type: "job.progress", jobId: job.id, message: input.message, fraction: input.fraction }],
  };
}

/** The swimmer a batch asks about, as its row says at the moment the job settles. */
export type SwimmerQuery = Pick<BatchRow, "swimmerName" | "swimmerChoice">;

export interface CompletedJob {
  cached: boolean;
  /**
   * Picks the swimmer's swims out of the meet, for the name and choice on the locked batch row: a name the
   * person corrects while the PDF is read is the one the job settles with.
   */
  select: (swimmer: SwimmerQuery) => { swimCount: number; swimmerResult: unknown };
  extractorVersion: string;
  /** Stages passed on the way without work of their own (a cache hit's extracting and caching). */
  passedStages?: readonly PassedStage[];
}

export function completeJob(state: TransitionState, input: CompletedJob, context: Context): JobTransition {
  const job = onlyJob(state);
  const settled = settle(state, { completed: 1, cached: input.cached ? 1 : 0 }, context);
  const { swimCount, swimmerResult } = input.select(state.batch);
  return {
    ...settled,
    jobUpdates: one(job, {
      status: "completed",
      stage: "done",
      lastCompletedStage: "done",
      cached: input.cached,
      swimmerResult,
      extractorVersion: input.extractorVersion,
      progressMessage: input.cached ? "Done (already parsed before: cached)" : "Done",
      errorCode: null,
      errorMessage: null,
      completedAt: context.now,
      ...released(context.now),
    }),
    events: [
      ...passedStageEvents(job, input.passedStages, input.cached),
      {
        type: "job.stage",
        jobId: job.id,
        stage: "done",
        status: "completed",
        cached: input.cached,
        message: "Done",
      },
      {
        type: "job.completed",
        jobId: job.id,
        cached: input.cached,
        swimCount,
        ...settled.batchState,
      },
      ...settled.events,
    ],
  };
}

export interface JobFailure {
  code: JobErrorCode;
  message: string;
  context: Record<string, unknown>;
  retryable: boolean;
  workerId: string;
  /** The answer came from the cache (a PDF known to be unreadable). */
  cached?: boolean;
  passedStages?: readonly PassedStage[];
}

export function failJob(state: TransitionState, failure: JobFailure, context: Context): JobTransition {
  const job = onlyJob(state);
  const settled = settle(state, { failed: 1 }, context);
  // A cache hit fails where the first parse did, after the stages it passed (it wrote none of its own).
  const stage = failure.passedStages?.at(-1)?.stage ?? job.stage;
  return {
    ...settled,
    jobUpdates: one(job, {
      status: "failed",
      stage,
      ...(failure.cached ? { cached: true } : {}),
      errorCode: failure.code,
      errorMessage: failure.message,
      progressMessage: failure.message,
      completedAt: context.now,
      ...released(context.now),
    }),
    events: [
      ...passedStageEvents(job, failure.passedStages, failure.cached === true),
      {
        type: "job.failed",
        jobId: job.id,
        errorCode: failure.code,
        errorMessage: failure.message,
        ...settled.batchState,
      },
      ...settled.events,
    ],
    errorLog: {
      batchId: job.batchId,
      jobId: job.id,
      workerId: failure.workerId,
      errorCode: failure.code,
      message: failure.message,
      retryable: failure.retryable,
      context: {
        ...failure.context,
        stage,
        attempts: job.attempts,
        retryCount: job.retryCount,
        source: job.sourceUrl ?? job.fileName,
      },
      createdAt: context.now,
    },
  };
}

/** Puts a job back in the queue after a retryable error, to run again at `retryAt`. */
export function scheduleRetry(
  state: TransitionState,
  retry: {
    code: JobErrorCode;
    message: string;
    retryAt: Date;
    context: Record<string, unknown>;
    workerId: string;
  },
  { now }: Pick<Context, "now">,
): JobTransition {
  const job = onlyJob(state);
  const retryCount = job.retryCount + 1;
  return {
    ...unchanged(state),
    jobUpdates: one(job, {
      status: "pending",
      stage: "queued",
      retryCount,
      runAt: retry.retryAt,
      progressMessage: `${retry.message} Trying again.`,
      ...released(now),
    }),
    events: [
      {
        type: "job.retrying",
        jobId: job.id,
        retryCount,
        retryAt: retry.retryAt.toISOString(),
        errorCode: retry.code,
        errorMessage: retry.message,
      },
    ],
    errorLog: {
      batchId: job.batchId,
      jobId: job.id,
      workerId: retry.workerId,
      errorCode: retry.code,
      message: retry.message,
      retryable: true,
      context: { ...retry.context, retryCount, retryAt: retry.retryAt.toISOString() },
      createdAt: now,
    },
  };
}

/** Cancels the given unfinished jobs of the batch (all of them settle at once). */
export function cancelJobs(state: TransitionState, context: Context): JobTransition {
  if (state.jobs.length === 0) return unchanged(state);
  // One event per job, each with the counters as they stand after that job.
  let counters: BatchCounters = state.batch;
  const cancelledEvents: NewBatchEvent[] = state.jobs.map((job) => {
    counters = applyDelta(counters, { cancelled: 1 });
    return {
      type: "job.cancelled",
      jobId: job.id,
      batchStatus: deriveBatchStatus(counters),
      counts: countsOf(counters),
    };
  });
  const settled = settle(state, { cancelled: state.jobs.length }, context);
  return {
    ...settled,
    jobUpdates: [
      {
        ids: state.jobs.map((job) => job.id),
        change: {
          status: "cancelled",
          progressMessage: "Cancelled",
          completedAt: context.now,
          ...released(context.now),
        },
      },
    ],
    events: [...cancelledEvents, ...settled.events],
  };
}

/**
 * A person cancels the batch (`state.jobs`: its unfinished jobs). A job nobody holds right now is cancelled
 * here; a held one is told to stop (cancel_requested and a wake-up to its instance), and settles itself.
 */
export function cancelBatch(state: TransitionState, context: Context): JobTransition {
  if (state.jobs.length === 0) {
    throw new BatchConflictError(
      `The batch has already finished (${state.batch.status}); there is nothing to cancel.`,
    );
  }
  const isHeld = (job: JobRow) => job.lockedUntil !== null && job.lockedUntil >= context.now;
  const held = state.jobs.filter(isHeld);
  const idle = cancelJobs({ ...state, jobs: state.jobs.filter((job) => !isHeld(job)) }, context);
  if (held.length === 0) return idle;
  return {
    ...idle,
    jobUpdates: [...idle.jobUpdates, { ids: held.map((job) => job.id), change: { cancelRequested: true } }],
    wakeUps: held.map((job): WakeUp => [CANCEL_CHANNEL, job.id]),
  };
}

/** A person retries the batch (`state.jobs`: its failed and cancelled jobs): the ones another try may cure. */
export function retryBatch(state: TransitionState, context: Pick<Context, "now">): JobTransition {
  const retryable = state.jobs.filter(canRetryJob);
  if (retryable.length === 0) {
    throw new BatchConflictError(
      state.jobs.length > 0
        ? "There is nothing to try again: the files that failed cannot be read however often they are tried."
        : "There is nothing to try again: no file has failed or been cancelled.",
    );
  }
  return {
    ...retryJobs({ ...state, jobs: retryable }, context),
    wakeUps: [[JOBS_CHANNEL, jobsWakeUp(state.batch.id, retryable.length)]],
  };
}

export const RETRY_MESSAGE = "Waiting for a worker (retry)";

/**
 * Puts failed and cancelled jobs back in the queue from the start with fresh retry counts. Each job leaves
 * the counter it was counted in, so the batch derives its status right when it ends again.
 */
export function retryJobs(state: TransitionState, { now }: Pick<Context, "now">): JobTransition {
  const failed = state.jobs.filter((job) => job.status === "failed").length;
  const cancelled = state.jobs.filter((job) => job.status === "cancelled").length;
  if (failed + cancelled !== state.jobs.length)
    throw new Error("only failed or cancelled jobs can be retried");
  return {
    ...unchanged(state),
    jobUpdates: [
      {
        ids: state.jobs.map((job) => job.id),
        change: {
          status: "pending",
          stage: "queued",
          cached: false,
          errorCode: null,
          errorMessage: null,
          progressMessage: RETRY_MESSAGE,
          retryCount: 0,
          runAt: now,
          completedAt: null,
          // A file cancelled while it ran still carries the request: the next worker would stop at once.
          cancelRequested: false,
          ...released(now),
        },
      },
    ],
    batchChange: {
      status: "processing",
      completedAt: null,
      failedJobs: state.batch.failedJobs - failed,
      cancelledJobs: state.batch.cancelledJobs - cancelled,
      updatedAt: now,
    },
    events: state.jobs.map((job) => ({
      type: "job.stage",
      jobId: job.id,
      stage: "queued",
      status: "pending",
      cached: false,
      message: RETRY_MESSAGE,
    })),
  };
}

export interface SwimmerChoice {
  swimmer: SwimmerQuery;
  /** The jobs read so far, each able to select its swims again from its stored extraction. */
  readJobs: readonly { jobId: string; select: (swimmer: SwimmerQuery) => unknown }[];
}

/**
 * The person corrects the name ("did you mean") or picks a namesake: the batch keeps it, and every job
 * read so far selects again for it. No event: no job changes state; the results are read afresh.
 */
export function chooseSwimmer(state: TransitionState, input: SwimmerChoice): JobTransition {
  return {
    ...unchanged(state),
    jobUpdates: input.readJobs.map(({ jobId, select }) => ({
      ids: [jobId],
      change: { swimmerResult: select(input.swimmer) },
    })),
    batchChange: { swimmerName: input.swimmer.swimmerName, swimmerChoice: input.swimmer.swimmerChoice },
  };
}

/** A transition that changes nothing yet: the start of every other. */
export function unchanged(state: Pick<TransitionState, "batch">): JobTransition {
  return {
    batchId: state.batch.id,
    jobUpdates: [],
    batchChange: {},
    events: [],
    errorLog: null,
    newResultCode: null,
    wakeUps: [],
  };
}

function one(job: JobRow, change: Partial<JobRow>): JobUpdate[] {
  return [{ ids: [job.id], change }];
}

function onlyJob(state: TransitionState): JobRow {
  const [job] = state.jobs;
  if (!job || state.jobs.length !== 1) throw new Error("this transition moves exactly one job");
  return job;
}

function released(now: Date): Partial<JobRow> {
  return { lockedBy: null, lockedUntil: null, updatedAt: now };
}

function startIfPending(batch: BatchRow, now: Date): BatchChange {
  return batch.status === "pending"
    ? { status: "processing", startedAt: batch.startedAt ?? now, updatedAt: now }
    : {};
}

function applyDelta(batch: BatchCounters, delta: CounterDelta): BatchCounters {
  return {
    totalJobs: batch.totalJobs,
    completedJobs: batch.completedJobs + (delta.completed ?? 0),
    failedJobs: batch.failedJobs + (delta.failed ?? 0),
    cancelledJobs: batch.cancelledJobs + (delta.cancelled ?? 0),
    cachedJobs: batch.cachedJobs + (delta.cached ?? 0),
  };
}

/**
 * A job has finished: the batch's new counters, its status, and, when this was its last job, its final
 * status, a result link and the batch.completed event.
 */
function settle(
  state: TransitionState,
  delta: CounterDelta,
  { now, newCode }: Context,
): JobTransition & {
  batchState: Pick<Extract<NewBatchEvent, { type: "job.failed" }>, "batchStatus" | "counts">;
} {
  const counters = applyDelta(state.batch, delta);
  const batchStatus = deriveBatchStatus(counters);
  const batchState = { batchStatus, counts: countsOf(counters) };
  const counterColumns = {
    completedJobs: counters.completedJobs,
    failedJobs: counters.failedJobs,
    cancelledJobs: counters.cancelledJobs,
    cachedJobs: counters.cachedJobs,
    updatedAt: now,
  };
  if (!isFinished(counters)) {
    return {
      ...unchanged(state),
      batchChange: { ...counterColumns, ...startIfPending(state.batch, now) },
      batchState,
    };
  }
  const resultCode = state.resultCode ?? newCode();
  return {
    ...unchanged(state),
    batchChange: {
      ...counterColumns,
      status: batchStatus,
      startedAt: state.batch.startedAt ?? now,
      completedAt: now,
    },
    events: [{ type: "batch.completed", ...batchState, resultCode }],
    newResultCode: state.resultCode === null ? resultCode : null,
    batchState,
  };
}

function passedStageEvents(
  job: JobRow,
  stages: readonly PassedStage[] = [],
  cached: boolean,
): NewBatchEvent[] {
  return stages.map(({ stage, message }) => ({
    type: "job.stage",
    jobId: job.id,
    stage,
    status: STATUS_OF_STAGE[stage],
    cached,
    message,
  }));
}
