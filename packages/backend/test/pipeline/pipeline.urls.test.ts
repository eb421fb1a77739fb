import type { BatchWithJobs } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { errorLogs } from "../../src/db/schema/index.ts";
import { type LocalMeetServer, startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { allEvents, readJson, startPipeline, waitForBatch } from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

// These tests parse PDFs in worker threads: allow for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

async function submitUrls(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  swimmerName: string,
  urls: string[],
) {
  const res = await app.request("/api/v1/batches", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ swimmerName, urls }),
  });
  expect(res.status).toBe(201);
  return readJson<BatchWithJobs>(res);
}

describeEachDriver("the pipeline on URLs", ({ database }) => {
  let server: LocalMeetServer;
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  beforeEach(async () => {
    server = await startLocalMeetServer();
  });
  afterEach(async () => {
    await pipeline?.stop();
    await server.close();
  });

  it("downloads a URL source, then extracts it like an upload", async () => {
    const bytes = await meetPdf();
    server.route("/meet.pdf", () => ({ status: 200, body: bytes }));
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, FIXTURE_SWIMMER, [server.url("/meet.pdf")]);
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.status).toBe("completed");
    expect(after.jobs[0]).toMatchObject({
      status: "completed",
      sourceType: "url",
      fileSize: bytes.byteLength,
    });
    const stages = (await allEvents(database(), batch.id)).flatMap((event) =>
      event.type === "job.stage" ? [event.stage] : [],
    );
    expect(stages).toEqual(["queued", "downloading", "extracting", "caching", "done"]);
  });

  it("retries a server error with backoff and succeeds", async () => {
    const bytes = await meetPdf();
    server.route("/flaky.pdf", (attempt) =>
      attempt < 3 ? { status: 503, body: "busy" } : { status: 200, body: bytes },
    );
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, FIXTURE_SWIMMER, [server.url("/flaky.pdf")]);
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.jobs[0]).toMatchObject({ status: "completed", retryCount: 2 });
    expect(server.hits("/flaky.pdf")).toBe(3);
    const retrying = (await allEvents(database(), batch.id)).filter((event) => event.type === "job.retrying");
    expect(retrying.map((event) => (event.type === "job.retrying" ? event.retryCount : 0))).toEqual([1, 2]);
  });

  it("gives up after three retries with the error code and logs every failure", async () => {
    server.route("/down.pdf", () => ({ status: 500, body: "broken" }));
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, "Quinn Avery", [server.url("/down.pdf")]);
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.status).toBe("failed");
    expect(after.jobs[0]).toMatchObject({ status: "failed", errorCode: "HTTP_ERROR", retryCount: 3 });
    expect(server.hits("/down.pdf")).toBe(4);
    const logs = await database().db.select().from(errorLogs).where(eq(errorLogs.batchId, batch.id));
    expect(logs).toHaveLength(4);

    // Retry-failed puts it back in the queue; the server is fixed by now.
    const bytes = await meetPdf();
    server.route("/down.pdf", () => ({ status: 200, body: bytes }));
    const retried = await pipeline.app.request(`/api/v1/batches/${batch.id}/retry`, { method: "POST" });
    expect(retried.status).toBe(200);
    await waitForBatch(database(), batch.id);
    const final = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(final.status).toBe("completed");
    expect(final.counts).toMatchObject({ completed: 1, failed: 0 });
    const seqs = (await allEvents(database(), batch.id)).map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it("fails a 404 at once, without retries", async () => {
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, "Quinn Avery", [server.url("/missing.pdf")]);
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.jobs[0]).toMatchObject({ status: "failed", errorCode: "HTTP_ERROR", retryCount: 0 });
    expect(after.jobs[0]?.errorMessage).toMatch(/404/);
  });

  it("blocks a URL to a private address unless private URLs are allowed", async () => {
    server.route("/meet.pdf", () => ({ status: 200, body: "%PDF-1.4" }));
    pipeline = startPipeline(database(), { ALLOW_PRIVATE_URLS: "false" });
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, "Quinn Avery", [server.url("/meet.pdf")]);
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.jobs[0]).toMatchObject({ status: "failed", errorCode: "BLOCKED_URL" });
    expect(server.hits("/meet.pdf")).toBe(0);
  });

  it("cancels a job while it runs, through its AbortSignal", async () => {
    server.route("/slow.pdf", () => ({ status: 200, body: "%PDF-1.4 slow", delayMs: 60_000 }));
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await submitUrls(pipeline.app, "Quinn Avery", [server.url("/slow.pdf")]);
    await vi.waitFor(
      async () => {
        const now = await readJson<BatchWithJobs>(await pipeline!.app.request(`/api/v1/batches/${batch.id}`));
        expect(now.jobs[0]?.stage).toBe("downloading");
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(
      (await pipeline.app.request(`/api/v1/batches/${batch.id}/cancel`, { method: "POST" })).status,
    ).toBe(200);
    await waitForBatch(database(), batch.id, 20_000);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.status).toBe("cancelled");
    expect(after.jobs[0]?.status).toBe("cancelled");
    const types = (await allEvents(database(), batch.id)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["job.cancelled", "batch.completed"]);
  });
});
