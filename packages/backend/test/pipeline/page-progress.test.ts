/**
 * The parser's page count and pages read reach the ledger as "Reading page N of M" progress events (the
 * last page always), in order and before the next stage, and stay on the job and the PDF for the ETA.
 */
import type { BatchEvent, BatchWithJobs } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { makePdfFromText } from "../../../extract/src/test-support/make-pdf.ts";
import { batchJobs, pdfFiles } from "../../src/db/schema/index.ts";
import {
  allEvents,
  readJson,
  startPipeline,
  submitFiles,
  waitForBatch,
} from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 120_000 });

const PAGES = 6;
const SWIMMER = "Quillfeather, Ada M";

type JobProgressEvent = Extract<BatchEvent, { type: "job.progress" }>;

/** A Hy-Tek text report with one invented event per page, so the file is real results of PAGES pages. */
function hytekPage(event: number): string[] {
  return [
    "                                 HY-TEK's MEET MANAGER 7.0  11/22/2023  11:47 AM",
    "                      Invented Autumn Meet - 10/26/2023 to 10/28/2023",
    "                                        Results",
    `Event  ${event}   Girls 9-10 100 Yard Freestyle`,
    "===============================================================================",
    "     Name                          Age Team                    Seed     Finals  Points",
    "===============================================================================",
    `   1 Quillfeather, Ada M            10 OTTR-XX              1:20.00    1:1${event}.50      9`,
    "   2 Brightwater, Nell               9 HERN-XX                   NT    1:19.20      7",
  ];
}

function multiPagePdf(): Promise<Uint8Array> {
  return makePdfFromText(
    Array.from({ length: PAGES }, (_, index) => hytekPage(index + 1)),
    { producer: "Acrobat Web Capture 15.0", creator: "Adobe Acrobat 17.0", size: 9 },
  );
}

describeEachDriver("page progress from the parser", ({ database }) => {
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  afterEach(async () => {
    await pipeline?.stop();
  });

  it("announces the page count, then pages read up to the last, before the caching stage", async () => {
    pipeline = startPipeline(database());
    const batch = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, SWIMMER, [{ name: "six-pages.pdf", bytes: await multiPagePdf() }]),
    );
    await pipeline.startWorkers(1);
    await waitForBatch(database(), batch.id);

    const events = await allEvents(database(), batch.id);
    const extracting = events.findIndex(
      (event) => event.type === "job.stage" && event.stage === "extracting",
    );
    const caching = events.findIndex((event) => event.type === "job.stage" && event.stage === "caching");
    const pages = events
      .slice(extracting, caching)
      .filter((event): event is JobProgressEvent => event.type === "job.progress");
    expect(pages[0]).toMatchObject({ message: `Reading the PDF (${PAGES} pages)`, fraction: 0 });
    expect(pages.at(-1)).toMatchObject({ message: `Reading page ${PAGES} of ${PAGES}`, fraction: 1 });
    // Whatever the throttle let through is in order: each page after the one before.
    const fractions = pages.map((event) => event.fraction ?? -1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    for (const event of pages.slice(1))
      expect(event.message).toMatch(new RegExp(`^Reading page \\d of ${PAGES}$`));
    // No page event after the stage moved on.
    expect(
      events.slice(caching).filter((event) => event.type === "job.progress" && /page/.test(event.message)),
    ).toEqual([]);

    const [job] = await database().db.select().from(batchJobs).where(eq(batchJobs.batchId, batch.id));
    expect(job).toMatchObject({ status: "completed", pagesRead: PAGES });
    expect(job?.parseMs).toBeGreaterThanOrEqual(0);
    expect(job?.parseStartedAt).toBeInstanceOf(Date);
    const [file] = await database().db.select().from(pdfFiles).where(eq(pdfFiles.sha256, job!.sha256!));
    expect(file?.pageCount).toBe(PAGES);
    console.log(`[page-progress] ${pages.length} of ${PAGES + 1} page events reached the ledger`);
  });
});
