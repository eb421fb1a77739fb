/**
 * The batch page. While the batch runs: its progress, its files one row each, cancel and "tell me when
 * it's done". Once finished: the swimmer's results first, the files folded into one line above them.
 */
import { TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiRequestError } from "./api-request.ts";
import { BatchActions } from "./batch-actions.tsx";
import type { LiveBatch } from "./batch-event-reducer.ts";
import { BatchProgress } from "./batch-summary.tsx";
import { batchStatusSentence } from "./batch-words.ts";
import { ConnectionIndicator, ConnectionNote } from "./connection-indicator.tsx";
import { FileList, FilesSummary } from "./files-summary.tsx";
import { useFinishNotification } from "./finish-notification.ts";
import { FinishedResults } from "./finished-results.tsx";
import { batchKeys, batchResultsQuery, liveBatchQuery } from "./queries.ts";
import { loadRecentBatches, rememberBatch } from "./recent-batches.ts";
import { Link } from "./router.tsx";
import { useBatchEvents } from "./use-batch-events.ts";
import "./batch-page.css";

export function BatchPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const live = useQuery(liveBatchQuery(id, () => queryClient.getQueryData<LiveBatch>(batchKeys.live(id))));
  const batch = live.data?.batch ?? null;
  const terminal = batch ? TERMINAL_BATCH_STATUSES.includes(batch.status) : false;
  const missing = live.error instanceof ApiRequestError && [400, 404].includes(live.error.status);
  const connection = useBatchEvents(id, !terminal && !missing);
  const results = useQuery({ ...batchResultsQuery(id), enabled: terminal });
  const notice = useFinishNotification(id, batch);
  useRememberOnThisDevice(batch);

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
  // Anything that moves says "this is happening now": it must stand still once the page has lost the stream.
  const streaming = terminal || connection === "live" || connection === "connecting";
  const swimCount = results.data?.swims.length ?? jobs.reduce((sum, job) => sum + (job.swimCount ?? 0), 0);
  return (
    <section
      className={`page batch-page${streaming ? "" : " batch-page-stale"}`}
      aria-labelledby="batch-title"
      data-connection={connection}
    >
      <header className="batch-head">
        <div className="batch-head-text">
          <h1 id="batch-title" tabIndex={-1}>
            {batch.swimmerName}
          </h1>
          <p className="batch-status" data-testid="batch-status" data-status={batch.status}>
            {batchStatusSentence(batch)}
          </p>
        </div>
        <ConnectionIndicator state={connection} />
      </header>
      {!terminal && <ConnectionNote state={connection} />}

      {terminal ? (
        <>
          <BatchActions batch={batch} terminal notice={notice} />
          <FilesSummary jobs={jobs} swimCount={swimCount} />
          <FinishedResults batchId={batch.id} resultCode={batch.resultCode} />
        </>
      ) : (
        <>
          <BatchProgress batch={batch} live={streaming} />
          <BatchActions batch={batch} terminal={false} notice={notice} />
          <h2 className="batch-files-title">Files</h2>
          <FileList jobs={jobs} fractions={live.data?.fractions ?? {}} live={streaming} />
        </>
      )}
    </section>
  );
}

/**
 * A batch opened from a link (another device, a shared message) joins this device's recent batches too;
 * one already there keeps its place, so the list stays in the order the batches were made.
 */
function useRememberOnThisDevice(batch: LiveBatch["batch"] | null) {
  const id = batch?.id;
  const swimmerName = batch?.swimmerName;
  const fileCount = batch?.counts.total;
  const createdAt = batch?.createdAt;
  useEffect(() => {
    if (!id || swimmerName === undefined || fileCount === undefined) return;
    if (!loadRecentBatches().some((known) => known.id === id))
      rememberBatch({ id, swimmerName, fileCount, createdAt });
  }, [id, swimmerName, fileCount, createdAt]);
}
