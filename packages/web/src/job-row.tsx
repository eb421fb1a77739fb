/** One file's row on the batch page: its stage stepper, what it is doing now (page by page), and how it ended. */
import { canRetryJob, type Job, type JobStage } from "@splitstream/shared";
import { failedStage, failureSentence, JOB_STATUS_WORDS } from "./batch-words.ts";
import { formatBytes, STAGE_LABELS } from "./format.ts";

function stepsFor(job: Job): JobStage[] {
  // Uploads never download; a URL's row shows the download step.
  return job.sourceType === "url"
    ? ["queued", "downloading", "extracting", "caching", "done"]
    : ["queued", "extracting", "caching", "done"];
}

type StepState = "complete" | "current" | "upcoming" | "failed" | "skipped" | "stopped";

const STEP_STATE_WORDS: Record<StepState, string> = {
  complete: "done",
  current: "in progress",
  upcoming: "not yet",
  failed: "failed here",
  skipped: "not needed",
  stopped: "stopped here",
};

function stepState(job: Job, steps: JobStage[], step: JobStage): StepState {
  const index = steps.indexOf(step);
  if (job.status === "completed") {
    return job.cached && (step === "extracting" || step === "caching") ? "skipped" : "complete";
  }
  const at = job.status === "failed" ? failedStage(job, steps) : job.stage;
  const current = Math.max(0, steps.indexOf(at));
  if (index < current) return "complete";
  if (index === current) {
    if (job.status === "failed") return "failed";
    if (job.status === "cancelled") return "stopped";
    return "current";
  }
  return "upcoming";
}

function detailFor(job: Job): string {
  switch (job.status) {
    case "completed": {
      const swims = job.swimCount ?? 0;
      const found =
        swims === 0 ? "No swims for this name in this file" : `${swims} swim${swims === 1 ? "" : "s"} found`;
      return `${found}${job.cached ? " (read before, so it was quick)" : ""}.`;
    }
    case "cancelled":
      // Whatever the file was doing when it was cancelled is over: never leave "Reading the PDF" behind.
      return job.startedAt ? "Cancelled before it was finished." : "Cancelled before it started.";
    case "pending":
      return job.progressMessage ?? "Waiting for its turn…";
    default:
      return job.progressMessage ?? "Working…";
  }
}

export function JobRow({
  job,
  fraction,
  live,
}: {
  job: Job;
  /** 0..1 when the stage can tell (pages read, bytes received); null or undefined when it cannot. */
  fraction: number | null | undefined;
  /** False while the connection is lost: the bar then stands still, since nothing shown is current. */
  live: boolean;
}) {
  const steps = stepsFor(job);
  const title = job.fileName ?? job.sourceUrl ?? `File ${job.position + 1}`;
  const failed = job.status === "failed";
  const working = job.status === "processing" || job.status === "downloading";
  const known = fraction !== null && fraction !== undefined;
  return (
    <li
      className={`job job-${job.status}`}
      data-testid="job-row"
      data-job-id={job.id}
      data-status={job.status}
    >
      <div className="job-head">
        <span className="job-title">{title}</span>
        <span className="job-badges">
          {job.cached && (
            <span className="badge badge-info" data-testid="cached-badge">
              cached
            </span>
          )}
          <span className={`badge badge-status-${job.status}`} data-testid="job-status">
            {JOB_STATUS_WORDS[job.status]}
          </span>
        </span>
      </div>
      <ol className="stepper" aria-label={`Stages of ${title}`}>
        {steps.map((step) => {
          const state = stepState(job, steps, step);
          const label =
            state === "skipped" && job.cached ? `${STAGE_LABELS[step]} (cached)` : STAGE_LABELS[step];
          return (
            <li
              key={step}
              className={`step step-${state}`}
              aria-current={state === "current" ? "step" : undefined}
              data-stage={step}
              data-state={state}
            >
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">
                {label}
                <span className="visually-hidden">: {STEP_STATE_WORDS[state]}</span>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="job-detail">
        {failed ? (
          <div className="job-failure" data-testid="job-error">
            <p className="job-error">
              {failureSentence(job.errorCode)}{" "}
              <span className="job-hint">
                {canRetryJob(job) ? "Trying again may work." : "Trying again will not change this."}
              </span>
            </p>
            <details className="job-error-details">
              <summary>Details</summary>
              <p>
                Code {job.errorCode ?? "INTERNAL"}
                {job.errorMessage ? `: ${job.errorMessage}` : ""}
              </p>
            </details>
          </div>
        ) : (
          <p className="job-message" data-testid="job-message">
            {detailFor(job)}
          </p>
        )}
        {/* Always there, empty or not, so a row keeps its height as its file moves on (no layout shift). */}
        <p className="job-meta">
          {job.fileSize !== null && <span>{formatBytes(job.fileSize)}</span>}
          {job.retryCount > 0 && <span data-testid="job-retries">tried {job.retryCount + 1} times</span>}
        </p>
        {working ? (
          <div
            className="job-bar"
            role="progressbar"
            aria-label={`Progress of ${title}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={known ? Math.round(fraction * 100) : undefined}
            data-testid="job-bar"
          >
            <div
              className={`job-bar-fill${known ? "" : " indeterminate"}${live ? "" : " paused"}`}
              style={known ? { width: `${Math.round(fraction * 100)}%` } : undefined}
            />
          </div>
        ) : (
          <div className="job-bar" aria-hidden="true" />
        )}
      </div>
    </li>
  );
}
