/**
 * The ETA of GET /progress worked out from rows with known sizes, pages and durations, at a fixed moment:
 * throughput from recent jobs and from the files being read now, the work left, and the worker slots.
 * No timing here: every duration is written into the rows, and the expected seconds follow from them.
 */
import { randomBytes } from "node:crypto";
import { EXTRACTOR_VERSION } from "@splitstream/extract";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { extractionResults, type NewJobRow, pdfFiles, workers } from "../../src/db/schema/index.ts";
import { getBatchProgress } from "../../src/services/get-progress.ts";
import { makeBatch, makeJob } from "../support/factories.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const BYTES_PER_PAGE = 50_000;
const DOWNLOAD_BYTES_PER_SECOND = 1_000_000;

async function pdf(database: Database, sizeBytes: number, pageCount: number | null): Promise<string> {
  const sha256 = randomBytes(32).toString("hex");
  await database.db.insert(pdfFiles).values({ sha256, sizeBytes, chunkCount: 0, pageCount });
  return sha256;
}

async function slots(database: Database, alive: number): Promise<void> {
  const rows = Array.from({ length: alive }, (_, slot) => ({
    id: `eta-test/${slot}`,
    hostname: "eta-test",
    pid: 1,
    concurrency: alive,
    heartbeatAt: ago(1),
  }));
  await database.db.insert(workers).values([
    ...rows,
    // Neither counts: one stopped, one whose heartbeat is five minutes old.
    { id: "gone/0", hostname: "gone", pid: 2, concurrency: 1, status: "stopped", heartbeatAt: ago(1) },
    { id: "gone/1", hostname: "gone", pid: 2, concurrency: 1, heartbeatAt: ago(300) },
  ]);
}

/**
 * Four finished URL jobs of another batch, on the line "parse = 0.5 s + 0.1 s per page" (10 pages/s),
 * downloaded at 1 MB/s, 50 kB a page, and 1 s of everything else each; plus one cache hit of 0.2 s.
 */
async function history(database: Database): Promise<void> {
  const old = await makeBatch(database.db, { totalJobs: 5 });
  let position = 0;
  for (const pages of [10, 20, 40, 80]) {
    const size = pages * BYTES_PER_PAGE;
    const downloadMs = (size / DOWNLOAD_BYTES_PER_SECOND) * 1000;
    const parseMs = 500 + 100 * pages;
    const totalMs = downloadMs + parseMs + 1000;
    await makeJob(database.db, old.id, {
      position: position++,
      sha256: await pdf(database, size, pages),
      fileSize: size,
      status: "completed",
      stage: "done",
      attempts: 1,
      downloadMs,
      parseMs,
      pagesRead: pages,
      startedAt: ago(600 + totalMs / 1000),
      completedAt: ago(600),
    });
  }
  await makeJob(database.db, old.id, {
    position: position++,
    sourceType: "upload",
    sha256: await pdf(database, 300_000, 6),
    status: "completed",
    stage: "done",
    cached: true,
    attempts: 1,
    startedAt: ago(500.2),
    completedAt: ago(500),
  });
}

/** A job a worker holds now, in the middle of a step. */
function held(overrides: Partial<NewJobRow>): Partial<NewJobRow> {
  return { lockedBy: "eta-test/0", lockedUntil: new Date(NOW.getTime() + 30_000), attempts: 1, ...overrides };
}

describeEachDriver("the ETA from measured throughput", ({ database }) => {
  /** The service context with the clock standing at `now`. */
  const at = (now: Date) => ({ database: database(), clock: () => now });
  it("shares the pages left over the slots, at the pace the open file is read, before any file ends", async () => {
    await history(database());
    await slots(database(), 2);
    const batch = await makeBatch(database().db, { totalJobs: 4, status: "processing" });
    const due = { runAt: ago(10), createdAt: ago(10) };
    // Read 10 of its 40 pages in 3 s since it opened: slower than the service's 0.1 s a page. Its pace
    // counts as if 5 more pages had gone at the service's: (3 + 0.5) s / 15 pages, so 30 pages left take
    // 7 s, and 0.5 s to finish.
    await makeJob(
      database().db,
      batch.id,
      held({
        ...due,
        position: 0,
        sourceType: "upload",
        sha256: await pdf(database(), 40 * BYTES_PER_PAGE, 40),
        status: "processing",
        stage: "extracting",
        parseStartedAt: ago(3),
        pagesRead: 10,
      }),
    );
    // Not opened yet: 1.5 MB is 30 pages: 1 s + 0.5 s + 3 s = 4.5 s.
    await makeJob(database().db, batch.id, {
      ...due,
      position: 1,
      sourceType: "upload",
      sha256: await pdf(database(), 1_500_000, null),
    });
    // Parsed before by this extractor: a cache hit costs what cache hits cost, 0.2 s.
    const cachedSha = await pdf(database(), 900_000, null);
    await database().db.insert(extractionResults).values({
      sha256: cachedSha,
      extractorVersion: EXTRACTOR_VERSION,
      errorCode: "NOT_RESULTS",
      errorMessage: "an entry list",
      durationMs: 10,
    });
    await makeJob(database().db, batch.id, { ...due, position: 2, sourceType: "upload", sha256: cachedSha });
    // 10 pages: 1 s + 0.5 s + 1 s = 2.5 s.
    await makeJob(database().db, batch.id, {
      ...due,
      position: 3,
      sourceType: "upload",
      sha256: await pdf(database(), 500_000, 10),
    });

    const progress = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    // Slot A: the open file until 7.5 s. Slot B: 0-4.5 s, the cache hit to 4.7 s, the 10 pages to 7.2 s.
    expect(progress.etaSeconds).toBeCloseTo(7.5, 5);
    expect(progress.etaBasis).toEqual({
      pagesPerSecond: 10,
      downloadBytesPerSecond: DOWNLOAD_BYTES_PER_SECOND,
      pagesLeft: 30 + 30 + 0 + 10,
      downloadBytesLeft: 0,
      workers: 2,
    });
  });

  it("counts bytes still to download at the measured speed, and a usual size for a URL not started", async () => {
    await history(database());
    await slots(database(), 2);
    const batch = await makeBatch(database().db, { totalJobs: 2, status: "processing" });
    const due = { runAt: ago(10), createdAt: ago(10) };
    // 0.5 of 4 MB in 0.5 s: 3.5 s more, then 80 pages (0.5 s + 8 s) and 0.5 s to finish = 12.5 s.
    await makeJob(
      database().db,
      batch.id,
      held({
        ...due,
        position: 0,
        status: "downloading",
        stage: "downloading",
        downloadStartedAt: ago(0.5),
        downloadBytesReceived: 500_000,
        downloadBytesExpected: 4_000_000,
      }),
    );
    // Size unknown: the usual 1.875 MB of recent downloads, 1.875 s, 37.5 pages (0.5 s + 3.75 s), + 1 s.
    await makeJob(database().db, batch.id, { ...due, position: 1 });

    const progress = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    expect(progress.etaSeconds).toBeCloseTo(12.5, 5);
    expect(progress.etaBasis).toMatchObject({
      downloadBytesPerSecond: DOWNLOAD_BYTES_PER_SECOND,
      downloadBytesLeft: 3_500_000 + 1_875_000,
      pagesLeft: 80 + 38,
    });
  });

  it("works from the file being read alone on a service that has measured nothing yet", async () => {
    await slots(database(), 2);
    const batch = await makeBatch(database().db, { totalJobs: 2, status: "processing" });
    const due = { runAt: ago(10), createdAt: ago(10) };
    // 10 of 40 pages in 2 s (5 pages/s): 30 pages left is 6 s; 50 kB a page.
    await makeJob(
      database().db,
      batch.id,
      held({
        ...due,
        position: 0,
        sourceType: "upload",
        sha256: await pdf(database(), 2_000_000, 40),
        status: "processing",
        stage: "extracting",
        parseStartedAt: ago(2),
        pagesRead: 10,
      }),
    );
    // 1 MB is 20 pages at 5 pages/s: 4 s on the other slot.
    await makeJob(database().db, batch.id, {
      ...due,
      position: 1,
      sourceType: "upload",
      sha256: await pdf(database(), 1_000_000, null),
    });
    const progress = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    expect(progress.etaSeconds).toBeCloseTo(6, 5);
    expect(progress.etaBasis).toMatchObject({ pagesPerSecond: 5, pagesLeft: 50, workers: 2 });
  });

  it("runs the jobs one after another on one slot, and waits for a retry's backoff", async () => {
    await history(database());
    await slots(database(), 1);
    const batch = await makeBatch(database().db, { totalJobs: 2, status: "processing" });
    // 20 pages: 1 s + 0.5 s + 2 s = 3.5 s each; the second may not start before 10 s from now.
    const size = 20 * BYTES_PER_PAGE;
    await makeJob(database().db, batch.id, {
      runAt: ago(10),
      position: 0,
      sourceType: "upload",
      sha256: await pdf(database(), size, 20),
    });
    await makeJob(database().db, batch.id, {
      runAt: new Date(NOW.getTime() + 10_000),
      position: 1,
      sourceType: "upload",
      sha256: await pdf(database(), size, 20),
      retryCount: 1,
    });
    const progress = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    expect(progress.etaSeconds).toBeCloseTo(13.5, 5);
  });

  it("says it does not know before anything was measured, or with no worker running; 0 when done", async () => {
    const batch = await makeBatch(database().db, { totalJobs: 1, status: "pending" });
    const sha256 = await pdf(database(), 1_000_000, null);
    await makeJob(database().db, batch.id, { runAt: ago(1), sourceType: "upload", sha256 });
    await slots(database(), 2);
    const cold = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    expect(cold.etaSeconds).toBeNull();

    await history(database());
    const measured = await getBatchProgress({ ctx: at(NOW), input: { batchId: batch.id } });
    // 20 pages at 10 pages/s, 0.5 s to open and 1 s besides.
    expect(measured.etaSeconds).toBeCloseTo(3.5, 5);
    const later = await getBatchProgress({
      ctx: at(new Date(NOW.getTime() + 120_000)),
      input: { batchId: batch.id },
    });
    expect(later.etaSeconds, "every heartbeat is two minutes old").toBeNull();
    expect(later.etaBasis?.workers).toBe(0);

    const done = await makeBatch(database().db, { totalJobs: 1, completedJobs: 1, status: "completed" });
    const finished = await getBatchProgress({ ctx: at(NOW), input: { batchId: done.id } });
    expect(finished).toMatchObject({ etaSeconds: 0, percentage: 100 });
  });
});
