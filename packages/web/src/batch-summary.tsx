/** A running batch's progress: files finished out of all, as a bar, and the server's estimate of the time left. */
import { type BatchWithJobs, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { useQuery } from "@tanstack/react-query";
import { formatDuration } from "./format.ts";
import { batchProgressQuery } from "./queries.ts";

/**
 * How often the estimate is asked for while the batch runs. On a clock, not per event: a long PDF sends
 * four page events a second, and the counts on this card already come from the events.
 */
export const ETA_REFRESH_MS = 5_000;

export function BatchProgress({ batch, live }: { batch: BatchWithJobs; live: boolean }) {
  const { counts } = batch;
  const finished = counts.completed + counts.failed + counts.cancelled;
  const percentage = counts.total ? Math.round((finished / counts.total) * 100) : 0;
  // The estimate comes from the server's measured throughput (bytes/s, pages/s); the page never guesses one.
  const running = !TERMINAL_BATCH_STATUSES.includes(batch.status);
  const progress = useQuery({
    ...batchProgressQuery(batch.id),
    refetchInterval: live && running ? ETA_REFRESH_MS : false,
  });
  const eta = progress.data?.etaSeconds ?? null;
  let etaText: string;
  if (!live) etaText = "Time left unknown while the connection is lost";
  else if (batch.status === "pending") etaText = "Waiting for a free reader…";
  else if (eta !== null && eta > 0) etaText = `About ${formatDuration(eta)} left`;
  else etaText = "Working out the time left…";
  return (
    <div className="card batch-progress">
      <div className="batch-progress-line">
        <span className="batch-progress-count">
          {finished} of {counts.total} file{counts.total === 1 ? "" : "s"} finished
          {counts.cached > 0 ? ` · ${counts.cached} read before` : ""}
        </span>
        <span className="batch-progress-eta" data-testid="eta">
          {etaText}
        </span>
      </div>
      <progress max={100} value={percentage} aria-label="Files finished" className="overall-bar">
        {percentage}%
      </progress>
    </div>
  );
}
