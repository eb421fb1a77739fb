/**
 * What a person can do with a batch: cancel it while it runs, try again the files another try may cure
 * (and cancelled ones), and ask for a notice when it is done. Each button shows only when it can work.
 */
import { type BatchWithJobs, batchWithJobsSchema, canRetryJob } from "@splitstream/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { applySnapshot, emptyLiveBatch, type LiveBatch } from "./batch-event-reducer.ts";
import type { FinishNotice } from "./finish-notification.ts";
import { batchKeys } from "./queries.ts";

export function BatchActions({
  batch,
  terminal,
  notice,
}: {
  batch: BatchWithJobs;
  terminal: boolean;
  notice: FinishNotice;
}) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<"cancel" | "retry" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const retryable = batch.jobs.filter(canRetryJob).length;

  const run = async (action: "cancel" | "retry") => {
    if (action === "cancel" && !window.confirm("Stop reading the files that are not finished yet?")) return;
    setBusy(action);
    setError(null);
    try {
      const after = await readApi(
        api.batches[":id"][action].$post({ param: { id: batch.id } }),
        batchWithJobsSchema,
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

  if (terminal && retryable === 0 && !error) return null;
  return (
    <div className="batch-actions no-print">
      {!terminal && (
        <button
          type="button"
          className="button secondary"
          disabled={busy !== null}
          onClick={() => run("cancel")}
        >
          {busy === "cancel" ? "Cancelling…" : "Cancel batch"}
        </button>
      )}
      {retryable > 0 && (
        <button
          type="button"
          className="button primary"
          disabled={busy !== null}
          onClick={() => run("retry")}
          data-testid="retry-button"
        >
          {busy === "retry" ? "Trying again…" : `Try again (${retryable} file${retryable === 1 ? "" : "s"})`}
        </button>
      )}
      {!terminal && <FinishNoticeToggle notice={notice} />}
      {error && (
        <p className="field-error batch-actions-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FinishNoticeToggle({ notice: { state, toggle } }: { notice: FinishNotice }) {
  if (state === "unavailable") return null;
  if (state === "cannot-show")
    return <p className="muted">This browser cannot pop up a notice from a page: keep this page open.</p>;
  return (
    <span className="finish-notice">
      <button
        type="button"
        className="button secondary"
        aria-pressed={state === "on"}
        disabled={state === "asking"}
        onClick={() => void toggle()}
        data-testid="notify-button"
      >
        Tell me when it's done
      </button>
      <span className="finish-notice-state" role="status">
        {state === "on" ? "On: a notice pops up when it is done." : ""}
      </span>
    </span>
  );
}
