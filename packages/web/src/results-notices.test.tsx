import type { BatchResults, Job } from "@splitstream/shared";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fileCounts, NoSwims, UnreadFiles } from "./results-notices.tsx";

/** The words a component shows, rendered on the server (jsdom 31 needs a newer Node than this one). */
function wordsOf(element: ReactElement): string {
  return renderToStaticMarkup(element)
    .replace(/<[^>]+>/g, "")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'");
}

let next = 0;
function job(status: Job["status"]): Job {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, "0")}`,
    batchId: "00000000-0000-4000-8000-000000000000",
    position: next,
    sourceType: "upload",
    sourceUrl: null,
    fileName: `meet-${next}.pdf`,
    sha256: null,
    fileSize: 1000,
    status,
    stage: status === "completed" ? "done" : "extracting",
    cached: false,
    progressMessage: null,
    errorCode: status === "failed" ? "NOT_RESULTS" : null,
    errorMessage: null,
    retryCount: 0,
    attempts: 1,
    swimCount: null,
    createdAt: "2026-03-14T10:00:00.000Z",
    startedAt: null,
    completedAt: null,
  };
}

function results(jobs: Job[], overrides: Partial<BatchResults> = {}): BatchResults {
  return {
    batchId: "00000000-0000-4000-8000-000000000000",
    swimmerName: "Maren Quillby",
    status: "partial",
    resultCode: null,
    swims: [],
    personalBests: [],
    ambiguities: [],
    swimmerChoice: null,
    suggestions: [],
    meets: [],
    jobs,
    ...overrides,
  };
}

describe("fileCounts", () => {
  it("counts read files and says why the others were not read", () => {
    expect(fileCounts([job("completed"), job("failed"), job("cancelled"), job("cancelled")])).toEqual({
      total: 4,
      read: 1,
      unread: 3,
      why: "1 could not be read, 2 were cancelled",
    });
  });
});

describe("NoSwims", () => {
  it("says 'in these files' only when every file was read", () => {
    expect(wordsOf(<NoSwims results={results([job("completed"), job("completed")])} />)).toContain(
      'No swims for "Maren Quillby" were found in these 2 files.',
    );
  });

  it("names the files that were read and those that were not", () => {
    const text = wordsOf(<NoSwims results={results([job("completed"), job("failed"), job("cancelled")])} />);
    expect(text).toContain(
      'No swims for "Maren Quillby" were found in the 1 file that was read. 2 other files were not read (1 could not be read, 1 was cancelled).',
    );
    expect(text).not.toContain("these files");
  });

  it("does not claim a search when no file was read", () => {
    expect(wordsOf(<NoSwims results={results([job("cancelled"), job("failed")])} />)).toBe(
      "None of the 2 files was read (1 could not be read, 1 was cancelled), so there are no swims to show.",
    );
    expect(wordsOf(<NoSwims results={results([job("cancelled")])} />)).toBe(
      "The file was cancelled before it was read, so there are no swims to show.",
    );
  });
});

describe("UnreadFiles", () => {
  it("warns that swims may be missing when some files were not read", () => {
    const swims = [{}] as BatchResults["swims"]; // only the count matters here
    expect(
      wordsOf(
        <UnreadFiles results={results([job("completed"), job("completed"), job("failed")], { swims })} />,
      ),
    ).toBe("2 files of 3 were read (1 could not be read), so swims in the others are not shown.");
  });

  it("says nothing when every file was read", () => {
    const swims = [{}] as BatchResults["swims"];
    expect(wordsOf(<UnreadFiles results={results([job("completed")], { swims })} />)).toBe("");
  });
});
