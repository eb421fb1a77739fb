/** The home page's list of this device's recent batches, each with its status read from the service. */
import type { Batch, BatchStatus } from "@splitstream/shared";
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { ApiRequestError } from "./api-request.ts";
import { batchStatusQuery } from "./queries.ts";
import {
  forgetAllBatches,
  forgetBatch,
  loadRecentBatches,
  type RecentBatch,
  subscribeRecentBatches,
} from "./recent-batches.ts";
import { Link } from "./router.tsx";
import "./recent-batches-list.css";

const NO_BATCHES: RecentBatch[] = [];

export function useRecentBatches(): RecentBatch[] {
  return useSyncExternalStore(subscribeRecentBatches, loadRecentBatches, () => NO_BATCHES);
}

/** A batch's state in a parent's words. */
const STATUS_WORDS: Record<BatchStatus, string> = {
  pending: "Waiting to start",
  processing: "Reading the files…",
  completed: "Done",
  partial: "Done, some files not read",
  failed: "Could not be read",
  cancelled: "Stopped",
};

export function RecentBatchesList() {
  const batches = useRecentBatches();
  if (batches.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-title" data-testid="recent-batches">
      <div className="recent-head">
        <h2 id="recent-title">Recent batches</h2>
        <button type="button" className="button link recent-forget-all" onClick={forgetAllBatches}>
          Forget all
        </button>
      </div>
      <p className="hint">Kept in this browser only. Forgetting takes a batch off this list, nothing more.</p>
      <ul className="recent-list">
        {batches.map((batch) => (
          <RecentBatchItem key={batch.id} batch={batch} />
        ))}
      </ul>
    </section>
  );
}

function RecentBatchItem({ batch }: { batch: RecentBatch }) {
  const status = useQuery(batchStatusQuery(batch.id));
  const gone = status.error instanceof ApiRequestError && [400, 404, 410].includes(status.error.status);
  const when = formatWhen(batch.createdAt);
  const files = `${batch.fileCount} ${batch.fileCount === 1 ? "file" : "files"}`;
  return (
    <li className="recent-item" data-testid="recent-batch" data-batch-id={batch.id}>
      <div className="recent-main">
        {gone ? (
          <span className="recent-name">{batch.swimmerName}</span>
        ) : (
          <Link href={`/batches/${encodeURIComponent(batch.id)}`} className="recent-name">
            {batch.swimmerName}
          </Link>
        )}
        <span className="recent-line">
          <span className="recent-meta">
            {files} · <time dateTime={batch.createdAt}>{when}</time>
          </span>
          <RecentStatus status={status.data} gone={gone} failed={status.isError && !gone} />
        </span>
      </div>
      <button
        type="button"
        className="button link recent-forget"
        onClick={() => forgetBatch(batch.id)}
        aria-label={`Forget ${batch.swimmerName}, ${files}, ${when}`}
      >
        Forget
      </button>
    </li>
  );
}

function RecentStatus({
  status,
  gone,
  failed,
}: {
  status: Batch | undefined;
  gone: boolean;
  failed: boolean;
}) {
  let words = "Checking…";
  let tone = "checking";
  if (gone) {
    words = "Gone";
    tone = "gone";
  } else if (failed) {
    words = "Cannot check right now";
    tone = "checking";
  } else if (status) {
    words = STATUS_WORDS[status.status];
    tone = status.status;
  }
  return (
    <span className={`recent-status recent-status-${tone}`} data-testid="recent-status" data-state={tone}>
      {words}
      {gone && <span className="visually-hidden"> (expired or removed from the service)</span>}
    </span>
  );
}

/** "Today, 14:05", "Yesterday, 09:12", else "3 Dec 2026, 14:05", in the reader's own locale. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayStart(now) - dayStart(date)) / 86_400_000);
  if (days === 0) return `Today, ${time}`;
  if (days === 1) return `Yesterday, ${time}`;
  const day = date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  return `${day}, ${time}`;
}
