/**
 * The read-only result page behind a share link (/r/:code): the swimmer's name and swim count in the
 * tab's title, Share and Print, fit to print; a clear page for dead links.
 */
import type { BatchResults } from "@splitstream/shared";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiRequestError } from "./api-request.ts";
import { formatDateTime } from "./format.ts";
import { resultLinkQuery } from "./queries.ts";
import { fileCounts } from "./results-notices.tsx";
import { ResultsView } from "./results-view.tsx";
import { Link } from "./router.tsx";
import { ShareButton } from "./share-button.tsx";

/** "Ivy Fernwood · 12 swims": what the tab, the share sheet and a bookmark call the page. */
export function resultTitle(swimmerName: string, swimCount: number): string {
  return `${swimmerName} · ${swimCount} swim${swimCount === 1 ? "" : "s"}`;
}

/** "Read from 3 files", or "Read from 2 of 3 files" when some were not read. */
function readFrom(jobs: BatchResults["jobs"]): string {
  const { read, total } = fileCounts(jobs);
  const files = `file${total === 1 ? "" : "s"}`;
  return read === total ? `Read from ${total} ${files}` : `Read from ${read} of ${total} ${files}`;
}

function useDocumentTitle(title: string | null) {
  useEffect(() => {
    if (title === null) return;
    const before = document.title;
    document.title = `${title} · Splitstream`;
    return () => {
      document.title = before;
    };
  }, [title]);
}

export function ResultLinkPage({ code }: { code: string }) {
  const results = useQuery(resultLinkQuery(code));
  const title = results.data ? resultTitle(results.data.swimmerName, results.data.swims.length) : null;
  useDocumentTitle(title);

  if (results.isPending) {
    return (
      <section className="page" aria-busy="true">
        <h1 tabIndex={-1}>Loading results…</h1>
      </section>
    );
  }

  if (results.isError) {
    const error = results.error;
    const status = error instanceof ApiRequestError ? error.status : 0;
    const gone = status === 410;
    const unknown = status === 404 || status === 400;
    return (
      <section className="page dead-link" data-testid="dead-link">
        <h1 tabIndex={-1}>
          {gone
            ? "This result link has expired"
            : unknown
              ? "No results at this link"
              : "The results could not be loaded"}
        </h1>
        <p>
          {gone
            ? "The link was revoked or is past its expiry date, and its results are no longer shared."
            : unknown
              ? "Check that the link was copied completely. Links are 12 characters after /r/."
              : `Please try again in a moment. (${error.message})`}
        </p>
        <p>Ask the person who shared it for a new link, or look the swimmer up yourself.</p>
        <Link href="/" className="button primary">
          Find a swimmer's results
        </Link>
      </section>
    );
  }

  const data = results.data;
  const finishedAt =
    data.jobs
      .map((job) => job.completedAt)
      .filter(Boolean)
      .sort()
      .pop() ?? null;
  return (
    <section className="page result-page" aria-labelledby="result-title">
      <div className="page-head">
        <div>
          <h1 id="result-title" tabIndex={-1}>
            {data.swimmerName}
          </h1>
          <p className="muted">
            {readFrom(data.jobs)}
            {finishedAt ? ` · ${formatDateTime(finishedAt)}` : ""}
          </p>
        </div>
        <div className="result-page-actions no-print">
          <ShareButton
            url={`${window.location.origin}/r/${code}`}
            title={title ?? undefined}
            text={`Swim results for ${data.swimmerName}`}
          />
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <ResultsView results={data} />
      <p className="muted print-only shared-from">Shared from Splitstream: {window.location.href}</p>
    </section>
  );
}
