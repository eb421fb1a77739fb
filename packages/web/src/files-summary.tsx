/**
 * The files of a batch. While it runs: every file's row. Once finished: one line ("5 files read ·
 * 23 swims · 1 not a results file") that opens to the rows, so the results come first.
 */
import type { Job } from "@splitstream/shared";
import { filesSummaryLine } from "./batch-words.ts";
import { JobRow } from "./job-row.tsx";

export function FileList({
  jobs,
  fractions,
  live,
}: {
  jobs: readonly Job[];
  fractions: Record<string, number | null>;
  live: boolean;
}) {
  return (
    <ul className="jobs" aria-label="Files in this batch">
      {jobs.map((job) => (
        <JobRow key={job.id} job={job} fraction={fractions[job.id]} live={live} />
      ))}
    </ul>
  );
}

export function FilesSummary({ jobs, swimCount }: { jobs: readonly Job[]; swimCount: number }) {
  const anyUnread = jobs.some((job) => job.status === "failed" || job.status === "cancelled");
  // When no file was read there are no results to come first: the files and why they failed are the news.
  const noneRead = !jobs.some((job) => job.status === "completed");
  return (
    <details
      className={`card files-summary${anyUnread ? " files-summary-unread" : ""}`}
      data-testid="files-summary"
      open={noneRead}
    >
      <summary>
        <span className="files-summary-line" data-testid="files-summary-line">
          {filesSummaryLine(jobs, swimCount)}
        </span>
        <span className="files-summary-action" aria-hidden="true">
          Files
        </span>
      </summary>
      <FileList jobs={jobs} fractions={{}} live />
    </details>
  );
}
