/**
 * The batch page's words for parents: a batch's state as a sentence, one sentence per failure, the stage
 * a file failed at, and the one-line summary of a finished batch's files. No raw status or code here.
 */
import type { BatchWithJobs, Job, JobErrorCode, JobStage } from "@splitstream/shared";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The batch's state in one sentence, e.g. "Done: 3 of 4 files read, 1 could not be read". */
export function batchStatusSentence(batch: BatchWithJobs): string {
  const { total, completed, failed, cancelled } = batch.counts;
  const unread = [
    failed > 0 ? `${failed} could not be read` : null,
    cancelled > 0 ? `${cancelled} cancelled` : null,
  ].filter(Boolean);
  const tail = unread.length > 0 ? `, ${unread.join(", ")}` : "";
  switch (batch.status) {
    case "pending":
      return `Waiting to start on ${plural(total, "file")}`;
    case "processing":
      return `Reading: ${completed} of ${plural(total, "file")} read${tail}`;
    case "completed":
      return total === 1 ? "Done: the file was read" : `Done: all ${total} files read`;
    case "partial":
      return `Done: ${completed} of ${plural(total, "file")} read${tail}`;
    case "failed":
      return total === 1
        ? "Done, but the file could not be read"
        : `Done, but none of the ${total} files could be read`;
    case "cancelled":
      return completed > 0
        ? `Cancelled: ${completed} of ${plural(total, "file")} read before the cancel`
        : "Cancelled before any file was read";
  }
}

/** What went wrong, in one sentence a parent can act on. */
const FAILURE_SENTENCES: Record<JobErrorCode, string> = {
  NOT_PDF: "This file is not a PDF, so there is nothing to read.",
  TOO_LARGE: "This file is larger than Splitstream accepts.",
  ENCRYPTED_PDF: "This PDF is locked with a password, so it cannot be read.",
  CORRUPT_PDF: "This PDF is damaged and cannot be opened.",
  NOT_RESULTS: "This is not a results file (it looks like an entry list, psych sheet or similar).",
  UNSUPPORTED_FORMAT: "Splitstream cannot read the layout of these results yet.",
  BLOCKED_URL: "This address cannot be fetched: it points to a private or blocked network.",
  HTTP_ERROR: "The website would not hand out the file.",
  NETWORK_ERROR: "The website could not be reached.",
  TIMEOUT: "The download took too long.",
  RATE_LIMIT: "The website asked us to slow down.",
  EXTRACTION_TIMEOUT: "Reading this PDF took too long.",
  INTERNAL: "Something went wrong on our side.",
};

export function failureSentence(code: JobErrorCode | null): string {
  return FAILURE_SENTENCES[code ?? "INTERNAL"];
}

/** Short nouns for the files line of a finished batch ("1 not a results file"). */
const FAILURE_NOUNS: Partial<Record<JobErrorCode, [string, string]>> = {
  NOT_RESULTS: ["not a results file", "not results files"],
  NOT_PDF: ["not a PDF", "not PDFs"],
  ENCRYPTED_PDF: ["locked PDF", "locked PDFs"],
  CORRUPT_PDF: ["damaged PDF", "damaged PDFs"],
  UNSUPPORTED_FORMAT: ["layout not readable yet", "layouts not readable yet"],
};

/** Failures the file itself causes: found while reading it, whatever stage the job row reached after. */
const READ_FAILURES: ReadonlySet<JobErrorCode> = new Set([
  "NOT_PDF",
  "ENCRYPTED_PDF",
  "CORRUPT_PDF",
  "NOT_RESULTS",
  "UNSUPPORTED_FORMAT",
  "EXTRACTION_TIMEOUT",
]);

/**
 * The stage a failed file failed at. The pipeline records a failed parse after it has moved on to
 * `caching` (it stores the failure so nobody pays twice), but to a person the file failed while it was read.
 */
export function failedStage(job: Job, steps: readonly JobStage[]): JobStage {
  const reached = steps.indexOf(job.stage);
  const extracting = steps.indexOf("extracting");
  if (job.errorCode && READ_FAILURES.has(job.errorCode) && reached > extracting) return "extracting";
  return job.stage;
}

/** "5 files read · 23 swims · 1 not a results file · 1 cancelled": a finished batch's files in a line. */
export function filesSummaryLine(jobs: readonly Job[], swimCount: number): string {
  const read = jobs.filter((job) => job.status === "completed").length;
  const parts = [`${plural(read, "file")} read`, plural(swimCount, "swim")];
  const byNoun = new Map<string, number>();
  for (const job of jobs) {
    if (job.status === "cancelled") byNoun.set("cancelled", (byNoun.get("cancelled") ?? 0) + 1);
    if (job.status !== "failed") continue;
    const noun = FAILURE_NOUNS[job.errorCode ?? "INTERNAL"];
    const key = noun ? noun.join("|") : "could not be read|could not be read";
    byNoun.set(key, (byNoun.get(key) ?? 0) + 1);
  }
  for (const [key, count] of byNoun) {
    if (key === "cancelled") {
      parts.push(`${count} cancelled`);
      continue;
    }
    const [one, many] = key.split("|") as [string, string];
    parts.push(`${count} ${count === 1 ? one : many}`);
  }
  return parts.join(" · ");
}

/** A file's state as a badge word. */
export const JOB_STATUS_WORDS: Record<Job["status"], string> = {
  pending: "Waiting",
  downloading: "Downloading",
  processing: "Reading",
  completed: "Read",
  failed: "Not read",
  cancelled: "Cancelled",
};
