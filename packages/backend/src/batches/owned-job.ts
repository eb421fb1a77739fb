/**
 * What the worker holding a job may do to it: move it through its stages, report progress, and settle it.
 * Each call is one transition (write-transition.ts); LeaseLostError when the worker holds the job no more.
 */
import type { JobErrorCode, JobStage } from "@splitstream/shared";
import type { JobRow } from "../db/schema/index.ts";
import * as transitions from "./job-transitions.ts";
import { type JobOwner, lockOwnedJob, runTransition, type TransitionContext } from "./write-transition.ts";

function onOwnedJob(
  context: TransitionContext,
  owner: JobOwner,
  decide: Parameters<typeof runTransition<transitions.TransitionState>>[2],
): Promise<unknown> {
  return runTransition(context, (tx) => lockOwnedJob(tx, owner), decide);
}

/** Moves a running job into a stage (and marks the batch as processing on its first move). */
export async function enterStage(
  context: TransitionContext,
  owner: JobOwner,
  stage: JobStage,
  message: string,
  changes: Partial<JobRow> = {},
): Promise<void> {
  await onOwnedJob(context, owner, (state, { now }) =>
    transitions.enterStage(state, { stage, message, changes }, { now }),
  );
}

/** Records that a stage finished, so a job claimed again after a crash resumes after it. */
export async function completeStage(
  context: TransitionContext,
  owner: JobOwner,
  stage: JobStage,
  changes: Partial<JobRow> = {},
): Promise<void> {
  await onOwnedJob(context, owner, (state, { now }) =>
    transitions.completeStage(state, { stage, changes }, { now }),
  );
}

export async function reportProgress(
  context: TransitionContext,
  owner: JobOwner,
  message: string,
  fraction: number | null,
): Promise<void> {
  await onOwnedJob(context, owner, (state, { now }) =>
    transitions.reportProgress(state, { message, fraction }, { now }),
  );
}

export async function completeJob(
  context: TransitionContext,
  owner: JobOwner,
  result: transitions.CompletedJob,
): Promise<void> {
  await onOwnedJob(context, owner, (state, decideContext) =>
    transitions.completeJob(state, result, decideContext),
  );
}

export async function failJob(
  context: TransitionContext,
  owner: JobOwner,
  failure: Omit<transitions.JobFailure, "workerId">,
): Promise<void> {
  await onOwnedJob(context, owner, (state, decideContext) =>
    transitions.failJob(state, { ...failure, workerId: owner.workerId }, decideContext),
  );
}

/** Puts the job back in the queue after a retryable error, to run again at `retryAt`. */
export async function scheduleRetry(
  context: TransitionContext,
  owner: JobOwner,
  retry: { code: JobErrorCode; message: string; retryAt: Date; context: Record<string, unknown> },
): Promise<void> {
  await onOwnedJob(context, owner, (state, { now }) =>
    transitions.scheduleRetry(state, { ...retry, workerId: owner.workerId }, { now }),
  );
}

/** Cancels the one job this worker holds (it saw the cancel request while running). */
export async function cancelOwnedJob(context: TransitionContext, owner: JobOwner): Promise<void> {
  await onOwnedJob(context, owner, (state, decideContext) => transitions.cancelJobs(state, decideContext));
}
