/** The batch page's words: no raw statuses, the stage a file failed at, and the folded files line. */
import type { BatchWithJobs, Job } from "@splitstream/shared";
import { describe, expect, it } from "vitest";
import { batchStatusSentence, failedStage, filesSummaryLine } from "./batch-words.ts";

const at = "2026-11-24T10:00:00.000Z";
let next = 0;
function job(overrides: Partial<Job> = {}): Job {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, "0")}`,
    batchId: "00000000-0000-4000-8000-000000000001",
    position: next,
    sourceType: "upload",
    sourceUrl: null,
    fileName: "meet.pdf",
    sha256: null,
    fileSize: 1000,
    status: "completed",
    stage: "done",
    cached: false,
    progressMessage: null,
    errorCode: null,
    errorMessage: null,
    retryCount: 0,
    attempts: 1,
    swimCount: 2,
    createdAt: at,
    startedAt: at,
    completedAt: at,
    ...overrides,
  };
}

function batch(status: BatchWithJobs["status"], counts: Partial<BatchWithJobs["counts"]>): BatchWithJobs {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    swimmerName: "Ada Lovelace",
    status,
    counts: { total: 4, completed: 0, failed: 0, cancelled: 0, cached: 0, ...counts },
    lastSeq: 1,
    hasNotificationEmail: false,
    resultCode: null,
    createdAt: at,
    startedAt: at,
    completedAt: null,
    expiresAt: at,
    jobs: [],
  };
}

describe("batchStatusSentence", () => {
  it("says a partial batch in words, never 'partial'", () => {
    expect(batchStatusSentence(batch("partial", { completed: 3, failed: 1 }))).toBe(
      "Done: 3 of 4 files read, 1 could not be read",
    );
  });
  it("words every status without the raw word", () => {
    for (const status of ["pending", "processing", "completed", "partial", "failed", "cancelled"] as const) {
      const sentence = batchStatusSentence(batch(status, { completed: 1, cancelled: 1 }));
      expect(sentence).not.toMatch(/partial|pending|processing|completed/i);
    }
    expect(batchStatusSentence(batch("cancelled", {}))).toBe("Cancelled before any file was read");
  });
});

describe("failedStage", () => {
  const steps = ["queued", "extracting", "caching", "done"] as const;
  it("puts a file that is not results at Extracting though the job reached caching", () => {
    expect(failedStage(job({ status: "failed", stage: "caching", errorCode: "NOT_RESULTS" }), steps)).toBe(
      "extracting",
    );
  });
  it("keeps the job's own stage for a download failure", () => {
    const urlSteps = ["queued", "downloading", "extracting", "caching", "done"] as const;
    expect(failedStage(job({ status: "failed", stage: "downloading", errorCode: "NOT_PDF" }), urlSteps)).toBe(
      "downloading",
    );
    expect(failedStage(job({ status: "failed", stage: "caching", errorCode: "INTERNAL" }), steps)).toBe(
      "caching",
    );
  });
});

describe("filesSummaryLine", () => {
  it("folds a finished batch's files into one line", () => {
    const jobs = [
      job(),
      job(),
      job({ status: "failed", stage: "caching", errorCode: "NOT_RESULTS", swimCount: null }),
      job({ status: "cancelled", swimCount: null }),
      job({ status: "failed", errorCode: "NETWORK_ERROR", swimCount: null }),
    ];
    expect(filesSummaryLine(jobs, 23)).toBe(
      "2 files read · 23 swims · 1 not a results file · 1 cancelled · 1 could not be read",
    );
    expect(filesSummaryLine([job()], 1)).toBe("1 file read · 1 swim");
  });
});
