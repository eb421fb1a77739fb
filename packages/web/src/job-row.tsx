/** One file's row on the batch page: its stage stepper, progress message, retries and failure. */
import type { Job, JobStage } from "@splitstream/shared";
import { errorWords, formatBytes, STAGE_LABELS } from "./format.ts";

function stepsFor(job: Job): JobStage[] {
  // Uploads never download; a URL's row shows the download step.
  return job.sourceType === "url"
    ? ["queued", "downloading", "extracting", "caching", "done"]
    : ["queued", "extracting", "caching", "done"];
}

type StepState = "complete" | "current" | "upcoming" | "failed" | "skipped";

function stepState(job: Job, steps: JobStage[], step: JobStage): StepState {
  const index = steps.indexOf(step);
  const current = Math.max(0, steps.indexOf(job.stage));
  if (job.status === "completed") {
    return job.cached && (step === "extracting" || step === "caching") ? "skipped" : "complete";
  }
  if (index < current) return "complete";
  if (index === current) {
    if (job.status === "failed") return "failed";
    if (job.status === "cancelled") return "skipped";
    return "current";
  }
  return "upcoming";
}

const STATUS_WORDS: Record<Job["status"], string> = {
  pending: "Waiting",
  downloading: "Downloading",
  processing: "Working",
  completed: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function JobRow({ job, fraction }: { job: Job; fraction: number | null | undefined }) {
  const steps = stepsFor(job);
  const title = job.fileName ?? job.sourceUrl ?? `File ${job.position + 1}`;
  const failed = job.status === "failed";
  const working = job.status === "processing" || job.status === "downloading";
  return (
    <li
      className={`job job-${job.status}`}
      data-testid="job-row"
      data-job-id={job.id}
      data-status={job.status}
    >
      <div className="job-head">
        <span className="job-title" title={title}>
          {title}
        </span>
        <span className="job-badges">
          {job.cached && (
            <span className="badge badge-info" data-testid="cached-badge">
              cached
            </span>
          )}
          <span className={`badge badge-status-${job.status}`} data-testid="job-status">
            {STATUS_WORDS[job.status]}
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
            >
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">
                {label}
                <span className="visually-hidden">: {state}</span>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="job-detail">
        {failed ? (
          <p className="job-error" data-testid="job-error">
            {errorWords(job.errorCode)}{" "}
            {job.errorMessage && <span className="muted">{job.errorMessage}</span>}{" "}
            <code>{job.errorCode ?? "INTERNAL"}</code>
          </p>
        ) : (
          <p className="job-message" data-testid="job-message">
            {job.status === "completed"
              ? `${job.swimCount ?? 0} swim${job.swimCount === 1 ? "" : "s"} found${job.cached ? " (read before: served from the cache)" : ""}.`
              : (job.progressMessage ??
                (job.status === "cancelled" ? "Cancelled." : "Waiting for a worker…"))}
          </p>
        )}
        <p className="job-meta">
          {job.fileSize !== null && <span>{formatBytes(job.fileSize)}</span>}
          {job.retryCount > 0 && (
            <span data-testid="job-retries">
              {job.retryCount} retr{job.retryCount === 1 ? "y" : "ies"}
              {job.errorCode && !failed ? ` (last: ${job.errorCode})` : ""}
            </span>
          )}
        </p>
        <div className="job-bar" aria-hidden="true">
          {working && (
            <div
              className={`job-bar-fill${fraction === null || fraction === undefined ? " indeterminate" : ""}`}
              style={
                fraction === null || fraction === undefined ? undefined : { width: `${fraction * 100}%` }
              }
            />
          )}
        </div>
      </div>
    </li>
  );
}
