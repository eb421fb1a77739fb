/** Runs one claimed job through its stages, resuming after the last completed one, and settles its outcome. */
import { EXTRACTOR_VERSION } from "@splitstream/extract";
import { MAX_RETRIES } from "@splitstream/shared";
import { cancelOwnedJob, completeJob, failJob, scheduleRetry } from "../batches/owned-job.ts";
import { LeaseLostError } from "../batches/write-transition.ts";
import { JobCancelledError, JobError } from "./job-error.ts";
import type { StageContext } from "./stage-context.ts";
import { downloadStage } from "./stages/download-stage.ts";
import { CACHE_HIT_STAGES, extractStage } from "./stages/extract-stage.ts";

export type JobOutcome = "completed" | "failed" | "retrying" | "cancelled" | "released" | "lease-lost";

/** Why a running job's signal was aborted: only "cancel" cancels it; the others give it back to the queue. */
export type AbortReason = "cancel" | "shutdown" | "lease-lost";

export async function runJob(ctx: StageContext): Promise<JobOutcome> {
  const { job } = ctx;
  try {
    if (job.cancelRequested) throw new JobCancelledError();
    const sha256 = job.sha256 ?? (await downloadStage(ctx)).sha256;
    const selection = await extractStage(ctx, sha256);
    await completeJob(ctx, ctx.owner, { ...selection, extractorVersion: EXTRACTOR_VERSION });
    return "completed";
  } catch (error) {
    return settleFailure(ctx, error);
  }
}

async function settleFailure(ctx: StageContext, error: unknown): Promise<JobOutcome> {
  try {
    if (error instanceof LeaseLostError) {
      ctx.logger.warn({ jobId: ctx.job.id }, "lease lost: another worker owns the job now");
      return "lease-lost";
    }
    if (ctx.signal.aborted && ctx.signal.reason !== ("cancel" satisfies AbortReason)) {
      // Shutdown or a lost lease: leave the job as it is; its lease lapses (or was released) and it runs again.
      return ctx.signal.reason === "shutdown" ? "released" : "lease-lost";
    }
    if (error instanceof JobCancelledError || (ctx.signal.aborted && !(error instanceof JobError))) {
      await cancelOwnedJob(ctx, ctx.owner);
      return "cancelled";
    }
    const failure =
      error instanceof JobError
        ? error
        : new JobError(
            "INTERNAL",
            "Something went wrong on our side while processing this file. It has been logged.",
            {
              retryable: false,
              context: { error: (error as Error)?.stack ?? String(error) },
            },
          );
    if (failure.code === "INTERNAL")
      ctx.logger.error({ err: error, jobId: ctx.job.id }, "job failed unexpectedly");
    if (failure.retryable && ctx.job.retryCount < MAX_RETRIES) {
      await scheduleRetry(ctx, ctx.owner, {
        code: failure.code,
        message: failure.message,
        retryAt: new Date(
          ctx.clock().getTime() +
            retryDelayMs(ctx.job.retryCount, ctx.config.RETRY_BASE_MS, failure.retryAfterMs),
        ),
        context: failure.context,
      });
      return "retrying";
    }
    const message = failure.retryable
      ? `${failure.message} (gave up after ${MAX_RETRIES} retries)`
      : failure.message;
    await failJob(ctx, ctx.owner, {
      code: failure.code,
      message,
      context: failure.context,
      retryable: failure.retryable,
      ...(failure.fromCache ? { cached: true, passedStages: CACHE_HIT_STAGES } : {}),
    });
    return "failed";
  } catch (settleError) {
    if (settleError instanceof LeaseLostError) return "lease-lost";
    throw settleError;
  }
}

/** Exponential backoff with full jitter in [50%, 100%] of the step, never sooner than the server asked. */
export function retryDelayMs(
  retryCount: number,
  baseMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const step = baseMs * 2 ** retryCount;
  const jittered = step * (0.5 + random() * 0.5);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
