/** POST /batches/:id/retry: which files go back in the queue, what the counters say, and when it refuses. */
import { type BatchWithJobs, errorEnvelopeSchema } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { batchJobs } from "../../src/db/schema/index.ts";
import { makeBatch, makeJob } from "../support/factories.ts";
import { type LocalMeetServer, startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { allEvents, readJson, startPipeline, waitForBatch } from "../support/pipeline-harness.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 120_000 });

describeEachDriver("POST /api/v1/batches/:id/retry", ({ database }) => {
  /** A finished batch with one file of each outcome, its counters as the pipeline would have left them. */
  async function finishedBatch() {
    const { db } = database();
    const batch = await makeBatch(db, {
      status: "partial",
      totalJobs: 4,
      completedJobs: 1,
      failedJobs: 2,
      cancelledJobs: 1,
      startedAt: new Date(),
      completedAt: new Date(),
    });
    const done = await makeJob(db, batch.id, {
      position: 0,
      status: "completed",
      stage: "done",
    });
    const offline = await makeJob(db, batch.id, {
      position: 1,
      status: "failed",
      stage: "downloading",
      errorCode: "NETWORK_ERROR",
      errorMessage: "connect ECONNREFUSED",
      retryCount: 3,
    });
    const entryList = await makeJob(db, batch.id, {
      position: 2,
      status: "failed",
      stage: "caching",
      cached: true,
      errorCode: "NOT_RESULTS",
      errorMessage: "This is an entry list.",
    });
    const cancelled = await makeJob(db, batch.id, {
      position: 3,
      status: "cancelled",
      stage: "extracting",
      progressMessage: "Cancelled",
      cancelRequested: true,
    });
    return { batch, done, offline, entryList, cancelled };
  }

  it("queues the failure another try may cure and the cancelled file, and leaves the rest", async () => {
    const { app } = createTestApp(database());
    const { batch, done, offline, entryList, cancelled } = await finishedBatch();

    const res = await app.request(`/api/v1/batches/${batch.id}/retry`, { method: "POST" });
    expect(res.status).toBe(200);
    const after = await readJson<BatchWithJobs>(res);
    expect(after.status).toBe("processing");
    expect(after.completedAt).toBeNull();
    // One completed, one failed for good, two on their way again: nothing counted twice or lost.
    expect(after.counts).toMatchObject({ total: 4, completed: 1, failed: 1, cancelled: 0 });
    const byId = new Map(after.jobs.map((job) => [job.id, job]));
    expect(byId.get(done.id)).toMatchObject({ status: "completed", stage: "done" });
    expect(byId.get(entryList.id)).toMatchObject({ status: "failed", errorCode: "NOT_RESULTS" });
    for (const id of [offline.id, cancelled.id]) {
      expect(byId.get(id)).toMatchObject({
        status: "pending",
        stage: "queued",
        errorCode: null,
        errorMessage: null,
        retryCount: 0,
        completedAt: null,
      });
    }
    const [row] = await database().db.select().from(batchJobs).where(eq(batchJobs.id, cancelled.id));
    expect(row?.cancelRequested).toBe(false);

    const events = await allEvents(database(), batch.id);
    expect(events.map((event) => (event.type === "job.stage" ? [event.jobId, event.status] : null))).toEqual([
      [offline.id, "pending"],
      [cancelled.id, "pending"],
    ]);
    expect(after.lastSeq).toBe(events.at(-1)?.seq);
  });

  it("refuses with 409 and plain words when every failure is a fact about the file", async () => {
    const { app } = createTestApp(database());
    const { db } = database();
    const batch = await makeBatch(db, {
      status: "failed",
      totalJobs: 1,
      failedJobs: 1,
      completedAt: new Date(),
    });
    await makeJob(db, batch.id, { status: "failed", stage: "caching", errorCode: "NOT_PDF" });

    const res = await app.request(`/api/v1/batches/${batch.id}/retry`, { method: "POST" });
    expect(res.status).toBe(409);
    const body = errorEnvelopeSchema.parse(await res.json());
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.message).toMatch(/cannot be read however often/);
    const still = await readJson<BatchWithJobs>(await app.request(`/api/v1/batches/${batch.id}`));
    expect(still).toMatchObject({ status: "failed", counts: { failed: 1 } });
    expect(still.jobs[0]).toMatchObject({ status: "failed", errorCode: "NOT_PDF" });
    expect(await allEvents(database(), batch.id)).toEqual([]);
  });

  it("refuses with 409 when no file failed or was cancelled", async () => {
    const { app } = createTestApp(database());
    const { db } = database();
    const batch = await makeBatch(db, { status: "completed", totalJobs: 1, completedJobs: 1 });
    await makeJob(db, batch.id, { status: "completed", stage: "done" });
    const res = await app.request(`/api/v1/batches/${batch.id}/retry`, { method: "POST" });
    expect(res.status).toBe(409);
    const body = errorEnvelopeSchema.parse(await res.json());
    expect(body.error.message).toMatch(/no file has failed or been cancelled/);
  });

  it("answers 404 for a batch that does not exist", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/batches/00000000-0000-4000-8000-000000000000/retry", {
      method: "POST",
    });
    expect(res.status).toBe(404);
  });

  describe("after a cancel, through the pipeline", () => {
    let server: LocalMeetServer | undefined;
    let pipeline: ReturnType<typeof startPipeline> | undefined;
    afterEach(async () => {
      await pipeline?.stop();
      await server?.close();
      pipeline = undefined;
      server = undefined;
    });

    it("runs a file cancelled while it downloaded to the end, and the batch ends completed", async () => {
      server = await startLocalMeetServer();
      const bytes = await meetPdf();
      let slow = true;
      server.route("/meet.pdf", () =>
        slow ? { status: 200, body: bytes, delayMs: 60_000 } : { status: 200, body: bytes },
      );
      pipeline = startPipeline(database());
      await pipeline.startWorkers(1);
      const created = await pipeline.app.request("/api/v1/batches", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ swimmerName: FIXTURE_SWIMMER, urls: [server.url("/meet.pdf")] }),
      });
      const batch = await readJson<BatchWithJobs>(created);
      const app = pipeline.app;
      await vi.waitFor(
        async () => {
          const now = await readJson<BatchWithJobs>(await app.request(`/api/v1/batches/${batch.id}`));
          expect(now.jobs[0]?.stage).toBe("downloading");
        },
        { timeout: 30_000, interval: 100 },
      );
      expect((await app.request(`/api/v1/batches/${batch.id}/cancel`, { method: "POST" })).status).toBe(200);
      await waitForBatch(database(), batch.id, 20_000);
      const cancelled = await readJson<BatchWithJobs>(await app.request(`/api/v1/batches/${batch.id}`));
      expect(cancelled).toMatchObject({ status: "cancelled", counts: { cancelled: 1 } });

      slow = false;
      const retried = await app.request(`/api/v1/batches/${batch.id}/retry`, { method: "POST" });
      expect(retried.status).toBe(200);
      expect(await readJson<BatchWithJobs>(retried)).toMatchObject({
        status: "processing",
        counts: { cancelled: 0, completed: 0 },
      });
      await waitForBatch(database(), batch.id);
      const final = await readJson<BatchWithJobs>(await app.request(`/api/v1/batches/${batch.id}`));
      expect(final.status).toBe("completed");
      expect(final.counts).toMatchObject({ total: 1, completed: 1, failed: 0, cancelled: 0 });
      expect(final.jobs[0]).toMatchObject({ status: "completed", stage: "done" });
      const seqs = (await allEvents(database(), batch.id)).map((event) => event.seq);
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    });
  });
});
