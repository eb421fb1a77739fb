/** The batch page: a live row per file, counters, progress and ETA, cancel/retry, and the results at the end. */
import {
  type BatchWithJobs,
  batchResultsSchema,
  batchWithJobsSchema,
  TERMINAL_BATCH_STATUSES,
} from "@splitstream/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError, requestJson } from "./api-request.ts";
import { applySnapshot, emptyLiveBatch, type LiveBatch } from "./batch-event-reducer.ts";
import { formatDuration } from "./format.ts";
import { JobRow } from "./job-row.tsx";
import { batchKeys, batchProgressQuery, batchResultsQuery, liveBatchQuery } from "./queries.ts";
import { ResultLinkBox } from "./result-link-box.tsx";
import { type ResultsActions, ResultsView } from "./results-view.tsx";
import { Link } from "./router.tsx";
import { type ConnectionState, useBatchEvents } from "./use-batch-events.ts";

export function BatchPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const live = useQuery(liveBatchQuery(id, () => queryClient.getQueryData<LiveBatch>(batchKeys.live(id))));
  const batch = live.data?.batch ?? null;
  const terminal = batch ? TERMINAL_BATCH_STATUSES.includes(batch.status) : false;
  const missing = live.error instanceof ApiRequestError && [400, 404].includes(live.error.status);
  const connection = useBatchEvents(id, !terminal && !missing);

  if (missing) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>This batch does not exist</h1>
        <p>It may have expired or been deleted. Batches are kept for a limited time.</p>
        <Link href="/" className="button primary">
          Start a new batch
        </Link>
      </section>
    );
  }

  if (!batch) {
    return (
      <section className="page" aria-busy="true">
        <h1 tabIndex={-1}>Loading batch…</h1>
        <ConnectionIndicator state={connection} />
        {live.isError && (
          <p className="form-error" role="alert">
            Could not load the batch: {live.error.message}
          </p>
        )}
      </section>
    );
  }

  const jobs = [...batch.jobs].sort((a, b) => a.position - b.position);
  return (
    <section className="page" aria-labelledby="batch-title">
      <div className="page-head">
        <div>
          <h1 id="batch-title" tabIndex={-1}>
            {batch.swimmerName}
          </h1>
          <p className="muted">
            Batch status:{" "}
            <strong data-testid="batch-status" data-status={batch.status}>
              {batch.status}
            </strong>
          </p>
        </div>
        <ConnectionIndicator state={connection} />
      </div>

      <BatchSummary batch={batch} />
      <BatchActions batch={batch} terminal={terminal} />

      <h2 className="visually-hidden">Files</h2>
      <ul className="jobs" aria-label="Files in this batch">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} fraction={live.data?.fractions[job.id]} />
        ))}
      </ul>

      {terminal && <FinishedResults batchId={batch.id} resultCode={batch.resultCode} />}
    </section>
  );
}

function BatchActions({ batch, terminal }: { batch: BatchWithJobs; terminal: boolean }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<"cancel" | "retry" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: "cancel" | "retry") => {
    if (action === "cancel" && !window.confirm("Cancel the files that are not finished yet?")) return;
    setBusy(action);
    setError(null);
    try {
      const after = await requestJson(
        `/batches/${encodeURIComponent(batch.id)}/${action}`,
        batchWithJobsSchema,
        {
          method: "POST",
        },
      );
      // The answer is a snapshot: fold it in like one, so events already applied are not undone.
      queryClient.setQueryData<LiveBatch>(batchKeys.live(batch.id), (current) =>
        applySnapshot(current ?? emptyLiveBatch, after),
      );
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="actions batch-actions">
      <button
        type="button"
        className="button secondary"
        disabled={terminal || busy !== null}
        onClick={() => run("cancel")}
      >
        {busy === "cancel" ? "Cancelling…" : "Cancel batch"}
      </button>
      <button
        type="button"
        className="button secondary"
        disabled={batch.counts.failed === 0 || busy !== null}
        onClick={() => run("retry")}
      >
        {busy === "retry" ? "Retrying…" : `Retry failed (${batch.counts.failed})`}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const CONNECTION_WORDS: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
  finished: "Finished",
};

function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span
      className={`connection connection-${state}`}
      role="status"
      data-testid="connection"
      data-state={state}
    >
      <span className="connection-dot" aria-hidden="true" />
      {CONNECTION_WORDS[state]}
    </span>
  );
}

function BatchSummary({ batch }: { batch: BatchWithJobs }) {
  const { counts } = batch;
  const finished = counts.completed + counts.failed + counts.cancelled;
  const percentage = counts.total ? Math.round((finished / counts.total) * 100) : 0;
  const terminal = TERMINAL_BATCH_STATUSES.includes(batch.status);
  const progress = useQuery({ ...batchProgressQuery(batch.id), enabled: !terminal });
  const eta = terminal ? null : (progress.data?.etaSeconds ?? localEta(batch, finished));
  const items: Array<[string, number, string]> = [
    ["Files", counts.total, "total"],
    ["Done", counts.completed, "completed"],
    ["Failed", counts.failed, "failed"],
    ["Cancelled", counts.cancelled, "cancelled"],
    ["From cache", counts.cached, "cached"],
  ];
  return (
    <div className="card summary">
      <dl className="counters">
        {items.map(([label, value, key]) => (
          <div key={key} className="counter">
            <dt>{label}</dt>
            <dd data-testid={`count-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="overall">
        <progress max={100} value={percentage} aria-label="Files finished" className="overall-bar">
          {percentage}%
        </progress>
        <span className="overall-text" aria-live="polite">
          {finished} of {counts.total} finished ({percentage}%)
        </span>
        <span className="overall-eta" data-testid="eta">
          {eta !== null && eta > 0 ? `About ${formatDuration(eta)} left` : "\u00a0"}
        </span>
      </div>
    </div>
  );
}

/** When the server has no ETA: time per finished file so far, times the files left. */
function localEta(batch: BatchWithJobs, finished: number): number | null {
  if (!batch.startedAt || finished === 0) return null;
  const elapsed = (Date.now() - new Date(batch.startedAt).getTime()) / 1000;
  return (elapsed / finished) * (batch.counts.total - finished);
}

function FinishedResults({ batchId, resultCode }: { batchId: string; resultCode: string | null }) {
  const results = useQuery(batchResultsQuery(batchId));
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (request: { path: string; method: "PUT" | "POST"; body: unknown }) =>
      requestJson(`/batches/${encodeURIComponent(batchId)}${request.path}`, batchResultsSchema, {
        method: request.method,
        body: request.body,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(batchKeys.results(batchId), next);
      // The swimmer's name may have changed: the header reads it from the batch.
      void queryClient.invalidateQueries({ queryKey: batchKeys.live(batchId), exact: true });
    },
  });
  const actions: ResultsActions = {
    busy: change.isPending,
    setCourse: (jobId, course) =>
      change.mutate({ path: `/jobs/${encodeURIComponent(jobId)}/course`, method: "PUT", body: { course } }),
    chooseSwimmer: (swimmerName, choice) =>
      change.mutate({ path: "/swimmer", method: "POST", body: { swimmerName, choice } }),
  };
  return (
    <div className="finished">
      {resultCode && <ResultLinkBox code={resultCode} />}
      {results.isPending && <p aria-busy="true">Loading the swims…</p>}
      {results.isError && (
        <p className="form-error" role="alert">
          Could not load the results: {results.error.message}
        </p>
      )}
      {change.isError && (
        <p className="form-error" role="alert">
          Could not change the results: {change.error.message}
        </p>
      )}
      {results.data && <ResultsView results={results.data} actions={actions} />}
    </div>
  );
}
