import {
  adminCacheStatsSchema,
  adminErrorEntrySchema,
  adminErrorListSchema,
  adminResultLinkListSchema,
  adminSummarySchema,
  adminWorkerListSchema,
} from "@splitstream/shared";
import { expect, it } from "vitest";
import { makeBatch, makeJob, makePdfFile } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";
import {
  bearer,
  expectError,
  makeErrorLog,
  makeExtractionResult,
  makeResultLink,
  makeWorker,
} from "./admin-factories.ts";

const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function getJson(app: ReturnType<typeof createTestApp>["app"], path: string) {
  const res = await app.request(path, { headers: bearer });
  expect(res.status).toBe(200);
  return res.json();
}

function resolve(app: ReturnType<typeof createTestApp>["app"], id: number | string, body?: unknown) {
  return app.request(`/api/v1/admin/errors/${id}/resolve`, {
    method: "POST",
    headers: body === undefined ? bearer : { ...bearer, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describeEachDriver("GET /admin/summary", ({ database }) => {
  it("counts statuses, error rates over 24 h and overall, top error types, cache hits and workers", async () => {
    const db = database().db;
    const done = await makeBatch(db, { status: "completed", totalJobs: 2, completedJobs: 2, cachedJobs: 1 });
    const partial = await makeBatch(db, {
      status: "partial",
      totalJobs: 4,
      completedJobs: 0,
      failedJobs: 3,
      cancelledJobs: 1,
    });
    const running = await makeBatch(db, { status: "processing", totalJobs: 1 });
    await makeJob(db, done.id, {
      position: 0,
      status: "completed",
      stage: "done",
      cached: true,
      completedAt: ago(HOUR),
    });
    await makeJob(db, done.id, {
      position: 1,
      status: "completed",
      stage: "done",
      completedAt: ago(48 * HOUR),
    });
    await makeJob(db, partial.id, {
      position: 0,
      status: "failed",
      errorCode: "NOT_PDF",
      completedAt: ago(2 * HOUR),
    });
    await makeJob(db, partial.id, {
      position: 1,
      status: "failed",
      errorCode: "NOT_PDF",
      completedAt: ago(72 * HOUR),
    });
    await makeJob(db, partial.id, {
      position: 2,
      status: "failed",
      errorCode: "CORRUPT_PDF",
      completedAt: ago(3 * HOUR),
    });
    await makeJob(db, partial.id, { position: 3, status: "cancelled", completedAt: ago(HOUR) });
    await makeJob(db, running.id, { status: "pending" });
    const resolved = await makeErrorLog(db);
    await makeErrorLog(db, { errorCode: "NOT_PDF" });
    const { app } = createTestApp(database());
    expect((await resolve(app, resolved.id)).status).toBe(200);
    const first = await makePdfFile(db);
    const second = await makePdfFile(db);
    await makeExtractionResult(db, first.sha256, { hitCount: 3 });
    await makeExtractionResult(db, second.sha256, { hitCount: 1 });
    await makeWorker(db);
    await makeWorker(db, { heartbeatAt: ago(HOUR) });

    const summary = adminSummarySchema.parse(await getJson(app, "/api/v1/admin/summary"));
    expect(summary.batches).toEqual({
      total: 3,
      byStatus: { pending: 0, processing: 1, completed: 1, partial: 1, failed: 0, cancelled: 0 },
    });
    expect(summary.jobs).toEqual({
      total: 7,
      byStatus: { pending: 1, downloading: 0, processing: 0, completed: 2, failed: 3, cancelled: 1 },
      cached: 1,
    });
    expect(summary.errorRate.last24h).toEqual({ finishedJobs: 3, failedJobs: 2, rate: 2 / 3 });
    expect(summary.errorRate.overall).toEqual({ finishedJobs: 5, failedJobs: 3, rate: 0.6 });
    expect(summary.topErrorTypes).toEqual([
      { code: "NOT_PDF", count: 2 },
      { code: "CORRUPT_PDF", count: 1 },
    ]);
    expect(summary.unresolvedErrors).toBe(1);
    expect(summary.cache).toEqual({ hits: 4, misses: 2, hitRate: 4 / 6 });
    expect(summary.workers).toEqual({ total: 2, responsive: 1 });
  });

  it("answers zeros, not NaN, on an empty database", async () => {
    const { app } = createTestApp(database());
    const summary = adminSummarySchema.parse(await getJson(app, "/api/v1/admin/summary"));
    expect(summary.errorRate.overall).toEqual({ finishedJobs: 0, failedJobs: 0, rate: 0 });
    expect(summary.cache.hitRate).toBe(0);
    expect(summary.batches.total).toBe(0);
  });
});

describeEachDriver("GET /admin/workers", ({ database }) => {
  it("shows heartbeat age, current job and responsiveness, responsive first", async () => {
    const db = database().db;
    const batch = await makeBatch(db, { status: "processing", totalJobs: 1 });
    const job = await makeJob(db, batch.id, {
      status: "processing",
      stage: "extracting",
      sourceUrl: "https://example.org/invented-open.pdf",
    });
    const stale = await makeWorker(db, { heartbeatAt: ago(5 * 60_000) });
    const busy = await makeWorker(db, { currentJobId: job.id, jobsCompleted: 4, jobsFailed: 1 });
    const { app } = createTestApp(database());
    const { items } = adminWorkerListSchema.parse(await getJson(app, "/api/v1/admin/workers"));
    expect(items.map((worker) => worker.workerId)).toEqual([busy.id, stale.id]);
    expect(items[0]).toMatchObject({
      status: "active",
      responsive: true,
      jobsCompleted: 4,
      jobsFailed: 1,
      currentJob: {
        id: job.id,
        batchId: batch.id,
        stage: "extracting",
        source: "https://example.org/invented-open.pdf",
      },
    });
    expect(items[0]!.heartbeatAgeSeconds).toBeLessThan(30);
    expect(items[1]).toMatchObject({ status: "unresponsive", responsive: false, currentJob: null });
    expect(items[1]!.heartbeatAgeSeconds).toBeGreaterThan(290);
  });

  it("names every slot apart, and processes sharing a host and pid by their instance", async () => {
    const db = database().db;
    await makeWorker(db, { id: "pool-host-4242-ab12/0", hostname: "pool-host", pid: 4242 });
    await makeWorker(db, { id: "pool-host-4242-ab12/1", hostname: "pool-host", pid: 4242 });
    await makeWorker(db, { id: "box-a-1-cd34/0", hostname: "box", pid: 1 });
    await makeWorker(db, { id: "box-b-1-ef56/0", hostname: "box", pid: 1 });
    const { app } = createTestApp(database());
    const { items } = adminWorkerListSchema.parse(await getJson(app, "/api/v1/admin/workers"));
    const names = Object.fromEntries(items.map((worker) => [worker.workerId, [worker.name, worker.slot]]));
    expect(names).toEqual({
      "pool-host-4242-ab12/0": ["pool-host-4242 · slot 1", 1],
      "pool-host-4242-ab12/1": ["pool-host-4242 · slot 2", 2],
      "box-a-1-cd34/0": ["box-a-1-cd34 · slot 1", 1],
      "box-b-1-ef56/0": ["box-b-1-ef56 · slot 1", 1],
    });
  });
});

describeEachDriver("GET /admin/errors and POST /admin/errors/:id/resolve", ({ database }) => {
  async function seed() {
    const db = database().db;
    const batch = await makeBatch(db, { status: "failed", totalJobs: 1, failedJobs: 1 });
    const oldest = await makeErrorLog(db, {
      errorCode: "TIMEOUT",
      retryable: true,
      createdAt: ago(3 * HOUR),
      context: { stage: "downloading" },
    });
    const middle = await makeErrorLog(db, {
      errorCode: "NOT_PDF",
      batchId: batch.id,
      createdAt: ago(2 * HOUR),
    });
    const newest = await makeErrorLog(db, { errorCode: "NOT_PDF", createdAt: ago(HOUR) });
    return { batch, oldest, middle, newest };
  }

  it("lists newest first with filters and paging", async () => {
    const { batch, oldest, middle, newest } = await seed();
    const { app } = createTestApp(database());
    const ids = async (query: string) =>
      adminErrorListSchema
        .parse(await getJson(app, `/api/v1/admin/errors${query}`))
        .items.map((entry) => entry.id);
    const all = adminErrorListSchema.parse(await getJson(app, "/api/v1/admin/errors"));
    expect(all).toMatchObject({ total: 3, page: 1, totalPages: 1 });
    expect(all.items.map((entry) => entry.id)).toEqual([newest.id, middle.id, oldest.id]);
    expect(all.items[2]).toMatchObject({
      code: "TIMEOUT",
      retryable: true,
      context: { stage: "downloading" },
      resolution: null,
    });
    expect(await ids("?code=NOT_PDF")).toEqual([newest.id, middle.id]);
    expect(await ids(`?batchId=${batch.id}`)).toEqual([middle.id]);
    const page = adminErrorListSchema.parse(await getJson(app, "/api/v1/admin/errors?pageSize=2&page=2"));
    expect(page).toMatchObject({ total: 3, totalPages: 2 });
    expect(page.items.map((entry) => entry.id)).toEqual([oldest.id]);

    expect((await resolve(app, middle.id)).status).toBe(200);
    expect(await ids("?resolved=true")).toEqual([middle.id]);
    expect(await ids("?resolved=false")).toEqual([newest.id, oldest.id]);
    expect(await ids("?resolved=false&code=NOT_PDF")).toEqual([newest.id]);
  });

  it("resolves with a note, idempotently: the first resolution stands", async () => {
    const { newest } = await seed();
    const { app } = createTestApp(database());
    const first = await resolve(app, newest.id, { note: "  Sender fixed the export.  " });
    expect(first.status).toBe(200);
    const entry = adminErrorEntrySchema.parse(await first.json());
    expect(entry.resolution).toMatchObject({
      resolvedBy: "admin (bearer token)",
      note: "Sender fixed the export.",
    });

    const again = await resolve(app, newest.id, { note: "another note" });
    expect(again.status).toBe(200);
    expect(adminErrorEntrySchema.parse(await again.json()).resolution).toEqual(entry.resolution);
    const listed = adminErrorListSchema.parse(await getJson(app, "/api/v1/admin/errors?resolved=true"));
    expect(listed.items[0]?.resolution).toEqual(entry.resolution);
  });

  it("answers 404 for an unknown entry and 400 for bad ids, bodies and filters", async () => {
    await seed();
    const { app } = createTestApp(database());
    await expectError(await resolve(app, 987654), 404, "NOT_FOUND");
    await expectError(await resolve(app, "abc"), 400, "VALIDATION_FAILED");
    await expectError(await resolve(app, 0), 400, "VALIDATION_FAILED");
    await expectError(await resolve(app, 1, { note: "x".repeat(1001) }), 400, "VALIDATION_FAILED");
    for (const query of ["?resolved=maybe", "?code=NOPE", "?batchId=42", "?pageSize=500"]) {
      await expectError(
        await app.request(`/api/v1/admin/errors${query}`, { headers: bearer }),
        400,
        "VALIDATION_FAILED",
      );
    }
  });
});

describeEachDriver("GET /admin/cache", ({ database }) => {
  it("counts PDFs and bytes, results, hits and the hit rate per extractor version", async () => {
    const db = database().db;
    const first = await makePdfFile(db);
    const second = await makePdfFile(db);
    await makeExtractionResult(db, first.sha256, {
      extractorVersion: "x2",
      hitCount: 5,
      swimCount: 40,
      durationMs: 300,
    });
    await makeExtractionResult(db, second.sha256, {
      extractorVersion: "x2",
      output: null,
      errorCode: "NOT_RESULTS",
      hitCount: 1,
      durationMs: 100,
    });
    await makeExtractionResult(db, first.sha256, { extractorVersion: "x1", swimCount: 38 });
    const { app } = createTestApp(database());
    const cache = adminCacheStatsSchema.parse(await getJson(app, "/api/v1/admin/cache"));
    expect(cache.pdfFiles).toEqual({ count: 2, bytes: first.sizeBytes + second.sizeBytes });
    expect(cache.extractionResults).toEqual({ count: 3, failed: 1 });
    expect(cache.hits).toEqual({ hits: 6, misses: 3, hitRate: 6 / 9 });
    expect(cache.byExtractorVersion).toEqual([
      {
        extractorVersion: "x2",
        results: 2,
        failed: 1,
        hits: 6,
        hitRate: 0.75,
        swims: 40,
        averageDurationMs: 200,
        lastHitAt: null,
      },
      {
        extractorVersion: "x1",
        results: 1,
        failed: 0,
        hits: 0,
        hitRate: 0,
        swims: 38,
        averageDurationMs: 100,
        lastHitAt: null,
      },
    ]);
  });
});

describeEachDriver("GET /admin/result-links", ({ database }) => {
  it("lists a batch's links with their state and path", async () => {
    const db = database().db;
    const batch = await makeBatch(db, { status: "completed", totalJobs: 1, completedJobs: 1 });
    const other = await makeBatch(db);
    const job = await makeJob(db, batch.id, { status: "completed", stage: "done" });
    const active = await makeResultLink(db, batch.id, { createdAt: ago(3 * HOUR), viewCount: 2 });
    const expired = await makeResultLink(db, batch.id, { createdAt: ago(2 * HOUR), expiresAt: ago(HOUR) });
    const revoked = await makeResultLink(db, batch.id, {
      createdAt: ago(HOUR),
      jobId: job.id,
      revokedAt: ago(1000),
    });
    await makeResultLink(db, other.id);
    const { app } = createTestApp(database());
    const { items } = adminResultLinkListSchema.parse(
      await getJson(app, `/api/v1/admin/result-links?batchId=${batch.id}`),
    );
    expect(items.map((link) => [link.code, link.state])).toEqual([
      [revoked.code, "revoked"],
      [expired.code, "expired"],
      [active.code, "active"],
    ]);
    expect(items[2]).toMatchObject({
      path: `/r/${active.code}`,
      viewCount: 2,
      jobId: null,
      batchId: batch.id,
    });
    expect(items[0]?.jobId).toBe(job.id);
  });

  it("answers 404 for an unknown batch and 400 without a valid batchId", async () => {
    const { app } = createTestApp(database());
    const path = "/api/v1/admin/result-links";
    await expectError(
      await app.request(`${path}?batchId=7d1f1f4e-2c55-4b8e-9a57-1d8c2f4e9b10`, { headers: bearer }),
      404,
      "NOT_FOUND",
    );
    await expectError(await app.request(path, { headers: bearer }), 400, "VALIDATION_FAILED");
    await expectError(
      await app.request(`${path}?batchId=nope`, { headers: bearer }),
      400,
      "VALIDATION_FAILED",
    );
  });
});
