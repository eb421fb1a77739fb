/** The read-only result page behind a share link (/r/:code), fit to print; a clear page for dead links. */
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError } from "./api-request.ts";
import { formatDateTime } from "./format.ts";
import { resultLinkQuery } from "./queries.ts";
import { ResultsView } from "./results-view.tsx";
import { Link } from "./router.tsx";

export function ResultLinkPage({ code }: { code: string }) {
  const results = useQuery(resultLinkQuery(code));

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
  return (
    <section className="page result-page" aria-labelledby="result-title">
      <div className="page-head">
        <div>
          <h1 id="result-title" tabIndex={-1}>
            {data.swimmerName}
          </h1>
          <p className="muted">
            Results read from {data.jobs.length} file{data.jobs.length === 1 ? "" : "s"}
            {data.jobs[0]?.completedAt ? ` · ${formatDateTime(data.jobs[0].completedAt)}` : ""}
          </p>
        </div>
        <button type="button" className="button secondary no-print" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <ResultsView results={data} />
      <p className="muted print-only">Shared from Splitstream: {window.location.href}</p>
    </section>
  );
}
