/** The pipeline when a PDF is bad or its parser misbehaves, when an instance shuts down mid-job, and when batches expire. */
import type { BatchWithJobs } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { makeEncryptedPdf } from "../../../extract/src/test-support/make-encrypted-pdf.ts";
import { deleteExpired } from "../../src/batches/delete-expired.ts";
import {
  batchEvents,
  batchJobs,
  extractionResults,
  pdfFiles,
  processingBatches,
  resultLinks,
} from "../../src/db/schema/index.ts";
import { makeExtractionResult, makeResultLink } from "../admin/admin-factories.ts";
import { makeBatch, makeJob, makePdfFile } from "../support/factories.ts";
import { type LocalMeetServer, startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import {
  allEvents,
  readJson,
  startPipeline,
  submitFiles,
  waitForBatch,
} from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 120_000 });

const MISBEHAVING_PARSER = new URL("./misbehaving-parser.mjs", import.meta.url);
const act = (name: string) => new TextEncoder().encode(`%PDF-${name}`);
const DAY_MS = 24 * 60 * 60 * 1000;

describeEachDriver("the pipeline's lifecycle", ({ database }) => {
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  let meetHost: LocalMeetServer | undefined;
  afterEach(async () => {
    await pipeline?.stop();
    await meetHost?.close();
    pipeline = meetHost = undefined;
  });

  const readBatch = async (id: string) =>
    readJson<BatchWithJobs>(await pipeline!.app.request(`/api/v1/batches/${id}`));

  it("fails a truncated and an encrypted PDF with their codes, and answers them again from the cache", async () => {
    const whole = await meetPdf();
    const files = [
      { name: "truncated.pdf", bytes: whole.subarray(0, Math.floor(whole.byteLength / 2)) },
      { name: "locked.pdf", bytes: makeEncryptedPdf() },
    ];
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const failedJobs = async () => {
      const batch = await readJson<BatchWithJobs>(await submitFiles(pipeline!.app, FIXTURE_SWIMMER, files));
      await waitForBatch(database(), batch.id);
      const after = await readBatch(batch.id);
      expect(after.status).toBe("failed");
      return after.jobs.map((job) => [job.fileName, job.errorCode, job.cached, job.stage]);
    };
    expect(await failedJobs()).toEqual([
      ["truncated.pdf", "CORRUPT_PDF", false, "caching"],
      ["locked.pdf", "ENCRYPTED_PDF", false, "caching"],
    ]);
    // The same bytes give the same answer, at the same stage: nobody waits for them to be parsed again.
    expect(await failedJobs()).toEqual([
      ["truncated.pdf", "CORRUPT_PDF", true, "caching"],
      ["locked.pdf", "ENCRYPTED_PDF", true, "caching"],
    ]);
  });

  it("fails only the jobs whose PDF hangs or crashes the parser; the batch's other files complete", async () => {
    pipeline = startPipeline(database());
    const batch = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [
        { name: "hangs.pdf", bytes: act("hang") },
        { name: "meet.pdf", bytes: await meetPdf() },
        { name: "crashes.pdf", bytes: act("crash") },
      ]),
    );
    await pipeline.startWorkers(1, { EXTRACTION_TIMEOUT_MS: "1500" }, { parserEntry: MISBEHAVING_PARSER });
    await waitForBatch(database(), batch.id);

    const after = await readBatch(batch.id);
    expect(after.status).toBe("partial");
    expect(after.jobs.map((job) => [job.fileName, job.status, job.errorCode])).toEqual([
      ["hangs.pdf", "failed", "EXTRACTION_TIMEOUT"],
      ["meet.pdf", "completed", null],
      ["crashes.pdf", "failed", "INTERNAL"],
    ]);
    expect(after.jobs[0]?.errorMessage).toMatch(/took longer than 2 s/);
    expect(after.jobs[1]?.swimCount).toBeGreaterThan(0);
    // A time-out may be the machine's fault, not the file's: it is not cached as the file's answer.
    const cached = await database().db.select().from(extractionResults);
    expect(cached.map((row) => row.errorCode).sort()).toEqual([null]);
  });

  it("cancels a job mid-extraction: the parser thread is stopped and the next PDF still parses", async () => {
    pipeline = startPipeline(database());
    const workers = await pipeline.startWorkers(1, {}, { parserEntry: MISBEHAVING_PARSER });
    const stuck = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "hangs.pdf", bytes: act("hang") }]),
    );
    await vi.waitFor(async () => expect((await readBatch(stuck.id)).jobs[0]?.stage).toBe("extracting"), {
      timeout: 60_000,
      interval: 100,
    });
    const cancel = await pipeline.app.request(`/api/v1/batches/${stuck.id}/cancel`, { method: "POST" });
    expect(cancel.status).toBe(200);
    await waitForBatch(database(), stuck.id, 20_000);
    const after = await readBatch(stuck.id);
    expect(after.status).toBe("cancelled");
    expect(after.jobs[0]?.status).toBe("cancelled");
    const types = (await allEvents(database(), stuck.id)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["job.cancelled", "batch.completed"]);

    const next = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "meet.pdf", bytes: await meetPdf() }]),
    );
    await waitForBatch(database(), next.id);
    expect((await readBatch(next.id)).status).toBe("completed");
    expect(workers.parser.threadsStarted).toBe(2);
  });

  it("on shutdown lets a short job finish, gives a long one back at once, and another instance finishes it once", async () => {
    const bytes = await meetPdf();
    meetHost = await startLocalMeetServer();
    meetHost.route("/quick.pdf", () => ({ status: 200, body: bytes, delayMs: 300 }));
    // The first download outlasts the grace period; the retry after the hand-back is served at once.
    meetHost.route("/slow.pdf", (attempt) => ({
      status: 200,
      body: bytes,
      delayMs: attempt === 1 ? 60_000 : 0,
    }));
    // A long lease: if the job ran again, it was given back, not left to lapse.
    pipeline = startPipeline(database(), { JOB_LEASE_MS: "120000" });
    const submit = async (path: string) => {
      const res = await pipeline!.app.request("/api/v1/batches", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ swimmerName: FIXTURE_SWIMMER, urls: [meetHost!.url(path)] }),
      });
      return readJson<BatchWithJobs>(res);
    };
    const quick = await submit("/quick.pdf");
    const slow = await submit("/slow.pdf");
    const leaving = await pipeline.startWorkers(2);
    // Parser threads take seconds to start on a busy machine; the grace period is for the jobs.
    await leaving.parser.loaded();
    await vi.waitFor(() => {
      expect(meetHost!.hits("/quick.pdf")).toBe(1);
      expect(meetHost!.hits("/slow.pdf")).toBe(1);
    });

    await leaving.stop(5_000);
    expect((await readBatch(quick.id)).jobs[0]?.status).toBe("completed");
    const [handedBack] = await database().db.select().from(batchJobs).where(eq(batchJobs.batchId, slow.id));
    expect(handedBack).toMatchObject({ status: "downloading", lockedBy: null, lockedUntil: null });

    await pipeline.startWorkers(1);
    await waitForBatch(database(), slow.id);
    expect((await readBatch(slow.id)).jobs[0]).toMatchObject({ status: "completed", attempts: 2 });
    const events = await allEvents(database(), slow.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === "job.completed")).toHaveLength(1);
  });

  it("deletes expired batches with their events and links, and only the PDFs and results nobody else uses", async () => {
    const db = database().db;
    const now = new Date();
    const old = new Date(now.getTime() - 2 * 60 * 60 * 1000);
    const shared = await makePdfFile(db);
    const own = await makePdfFile(db);
    const justUploaded = await makePdfFile(db);
    await db.update(pdfFiles).set({ createdAt: old }).where(eq(pdfFiles.sha256, shared.sha256));
    await db.update(pdfFiles).set({ createdAt: old }).where(eq(pdfFiles.sha256, own.sha256));
    await makeExtractionResult(db, shared.sha256);
    await makeExtractionResult(db, own.sha256);

    const expired = await makeBatch(db, { status: "completed", expiresAt: new Date(now.getTime() - DAY_MS) });
    const live = await makeBatch(db, { status: "completed", expiresAt: new Date(now.getTime() + DAY_MS) });
    for (const [batch, sha256] of [
      [expired, shared.sha256],
      [expired, own.sha256],
      [live, shared.sha256],
    ] as const)
      await makeJob(db, batch.id, { sourceType: "upload", sourceUrl: null, sha256, status: "completed" });
    await db.insert(batchEvents).values([
      { batchId: expired.id, seq: 1, type: "batch.completed", data: {} },
      { batchId: live.id, seq: 1, type: "batch.completed", data: {} },
    ]);
    await makeResultLink(db, expired.id);
    const liveLink = await makeResultLink(db, live.id);

    expect(await deleteExpired(database(), now)).toEqual({ batches: 1, pdfs: 1 });

    expect((await db.select().from(processingBatches)).map((row) => row.id)).toEqual([live.id]);
    expect((await db.select().from(batchJobs)).map((row) => row.batchId)).toEqual([live.id]);
    expect((await db.select().from(batchEvents)).map((row) => row.batchId)).toEqual([live.id]);
    expect((await db.select().from(resultLinks)).map((row) => row.code)).toEqual([liveLink.code]);
    // The PDF only the expired batch used goes, with its cached result; one uploaded a moment ago, whose
    // batch may still be committing, stays until the next sweep.
    expect((await db.select().from(pdfFiles)).map((row) => row.sha256).sort()).toEqual(
      [shared.sha256, justUploaded.sha256].sort(),
    );
    expect((await db.select().from(extractionResults)).map((row) => row.sha256)).toEqual([shared.sha256]);
    expect(await deleteExpired(database(), now)).toEqual({ batches: 0, pdfs: 0 });
  });
});
