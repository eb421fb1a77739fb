import { adminBatchListSchema, adminDeletedBatchSchema } from "@splitstream/shared";
import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../../src/db/database.ts";
import {
  batchEvents,
  batchJobs,
  errorLogs,
  extractionResults,
  pdfFileChunks,
  pdfFiles,
  processingBatches,
  resultLinks,
} from "../../src/db/schema/index.ts";
import { makeBatch, makeJob, makePdfFile } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";
import {
  bearer,
  expectError,
  makeErrorLog,
  makeExtractionResult,
  makeResultLink,
} from "./admin-factories.ts";

const day = (iso: string) => new Date(iso);

async function listBatches(app: ReturnType<typeof createTestApp>["app"], query = "") {
  const res = await app.request(`/api/v1/batches${query}`, { headers: bearer });
  expect(res.status).toBe(200);
  return adminBatchListSchema.parse(await res.json());
}

async function rowCount(
  db: Db,
  table:
    | typeof pdfFiles
    | typeof extractionResults
    | typeof pdfFileChunks
    | typeof batchEvents
    | typeof resultLinks
    | typeof errorLogs
    | typeof batchJobs,
) {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

describeEachDriver("GET /batches (admin)", ({ database }) => {
  async function seed() {
    const db = database().db;
    const older = await makeBatch(db, {
      swimmerName: "Rowan Tillery",
      status: "completed",
      totalJobs: 2,
      completedJobs: 2,
      createdAt: day("2026-03-01T09:00:00Z"),
    });
    const failed = await makeBatch(db, {
      swimmerName: "Marisol O'Tillery",
      status: "partial",
      totalJobs: 4,
      completedJobs: 1,
      failedJobs: 3,
      createdAt: day("2026-03-02T23:30:00Z"),
    });
    for (const [position, errorCode] of (["NOT_PDF", "NOT_PDF", "CORRUPT_PDF"] as const).entries()) {
      await makeJob(db, failed.id, { position, status: "failed", stage: "done", errorCode });
    }
    await makeJob(db, failed.id, { position: 3, status: "completed", stage: "done" });
    const newest = await makeBatch(db, {
      swimmerName: "Ezra 100%_Fast",
      status: "processing",
      totalJobs: 1,
      createdAt: day("2026-03-03T08:00:00Z"),
    });
    const link = await makeResultLink(db, older.id);
    return { older, failed, newest, link };
  }

  it("lists every batch newest first with the total, error rate and top error types", async () => {
    const { older, failed, newest, link } = await seed();
    const { app } = createTestApp(database());
    const list = await listBatches(app);
    expect(list).toMatchObject({ page: 1, pageSize: 25, total: 3, totalPages: 1 });
    expect(list.items.map((item) => item.id)).toEqual([newest.id, failed.id, older.id]);
    const failedRow = list.items[1]!;
    expect(failedRow.errorRate).toBeCloseTo(0.75);
    expect(failedRow.topErrorTypes).toEqual([
      { code: "NOT_PDF", count: 2 },
      { code: "CORRUPT_PDF", count: 1 },
    ]);
    expect(failedRow.counts).toEqual({ total: 4, completed: 1, failed: 3, cancelled: 0, cached: 0 });
    expect(list.items[2]).toMatchObject({
      errorRate: 0,
      topErrorTypes: [],
      resultCode: link.code,
      swimmerName: "Rowan Tillery",
    });
  });

  it("filters by status, swimmer (any case, literal % and _) and dates", async () => {
    const { older, failed, newest } = await seed();
    const { app } = createTestApp(database());
    const ids = async (query: string) => (await listBatches(app, query)).items.map((item) => item.id);
    expect(await ids("?status=partial")).toEqual([failed.id]);
    expect(await ids("?status=cancelled")).toEqual([]);
    expect(await ids("?swimmer=TILLERY")).toEqual([failed.id, older.id]);
    expect(await ids("?swimmer=o'till")).toEqual([failed.id]);
    expect(await ids("?swimmer=100%25_f")).toEqual([newest.id]);
    expect(await ids("?swimmer=%25")).toEqual([newest.id]);
    expect(await ids("?from=2026-03-02")).toEqual([newest.id, failed.id]);
    // A bare `to` date includes that whole day.
    expect(await ids("?to=2026-03-02")).toEqual([failed.id, older.id]);
    expect(await ids("?from=2026-03-02&to=2026-03-02")).toEqual([failed.id]);
    expect(await ids("?to=2026-03-02T12:00:00Z")).toEqual([older.id]);
    expect(await ids("?status=completed&swimmer=rowan&from=2026-01-01")).toEqual([older.id]);
  });

  it("pages with page and pageSize, keeping the total", async () => {
    const { older, failed, newest } = await seed();
    const { app } = createTestApp(database());
    const first = await listBatches(app, "?pageSize=2");
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(first.items.map((item) => item.id)).toEqual([newest.id, failed.id]);
    const second = await listBatches(app, "?pageSize=2&page=2");
    expect(second.items.map((item) => item.id)).toEqual([older.id]);
    const beyond = await listBatches(app, "?pageSize=2&page=9");
    expect(beyond).toMatchObject({ total: 3, items: [] });
  });

  it.each([
    "?pageSize=101",
    "?pageSize=0",
    "?page=0",
    "?page=two",
    "?status=finished",
    "?from=yesterday",
    "?to=2026-02-30T25:00:00Z",
    "?from=2026-02-30",
    "?swimmer=",
  ])("answers %s with 400 in the envelope", async (query) => {
    const { app } = createTestApp(database());
    const error = await expectError(
      await app.request(`/api/v1/batches${query}`, { headers: bearer }),
      400,
      "VALIDATION_FAILED",
    );
    expect(error.details).toBeDefined();
  });
});

describeEachDriver("DELETE /batches/:id (admin)", ({ database }) => {
  it("deletes the batch with its jobs, events, links and errors, and only the PDFs no other batch uses", async () => {
    const db = database().db;
    const shared = await makePdfFile(db);
    const own = await makePdfFile(db);
    await makeExtractionResult(db, shared.sha256);
    await makeExtractionResult(db, own.sha256);
    await makeExtractionResult(db, own.sha256, { extractorVersion: "x0" });

    const doomed = await makeBatch(db, {
      status: "completed",
      totalJobs: 3,
      completedJobs: 2,
      failedJobs: 1,
    });
    const kept = await makeBatch(db, {
      swimmerName: "Kept Swimmer",
      status: "completed",
      totalJobs: 1,
      completedJobs: 1,
    });
    const sharedJob = await makeJob(db, doomed.id, {
      position: 0,
      sourceType: "upload",
      sourceUrl: null,
      sha256: shared.sha256,
      status: "completed",
      stage: "done",
    });
    await makeJob(db, doomed.id, {
      position: 1,
      sourceType: "upload",
      sourceUrl: null,
      sha256: own.sha256,
      status: "completed",
      stage: "done",
    });
    await makeJob(db, doomed.id, { position: 2, status: "failed", stage: "done", errorCode: "HTTP_ERROR" });
    await makeJob(db, kept.id, {
      sourceType: "upload",
      sourceUrl: null,
      sha256: shared.sha256,
      status: "completed",
      stage: "done",
    });
    await db.insert(batchEvents).values([
      { batchId: doomed.id, seq: 1, type: "job.stage", data: {} },
      { batchId: doomed.id, seq: 2, type: "batch.completed", data: {} },
      { batchId: kept.id, seq: 1, type: "batch.completed", data: {} },
    ]);
    await makeResultLink(db, doomed.id);
    await makeResultLink(db, doomed.id, { jobId: sharedJob.id });
    const keptLink = await makeResultLink(db, kept.id);
    await makeErrorLog(db, { batchId: doomed.id, errorCode: "HTTP_ERROR" });
    const unrelatedError = await makeErrorLog(db);

    const { app } = createTestApp(database());
    const res = await app.request(`/api/v1/batches/${doomed.id}`, { method: "DELETE", headers: bearer });
    expect(res.status).toBe(200);
    expect(adminDeletedBatchSchema.parse(await res.json())).toEqual({
      batchId: doomed.id,
      deletedJobs: 3,
      deletedEvents: 2,
      deletedResultLinks: 2,
      deletedPdfFiles: 1,
      deletedExtractionResults: 2,
      keptPdfFiles: 1,
    });

    expect(await db.select().from(processingBatches)).toEqual([expect.objectContaining({ id: kept.id })]);
    expect(await rowCount(db, batchJobs)).toBe(1);
    expect(await rowCount(db, batchEvents)).toBe(1);
    expect((await db.select().from(resultLinks)).map((link) => link.code)).toEqual([keptLink.code]);
    expect((await db.select().from(errorLogs)).map((entry) => entry.id)).toEqual([unrelatedError.id]);
    expect((await db.select().from(pdfFiles)).map((file) => file.sha256)).toEqual([shared.sha256]);
    expect((await db.select().from(extractionResults)).map((result) => result.sha256)).toEqual([
      shared.sha256,
    ]);
    expect(await db.select().from(pdfFileChunks).where(eq(pdfFileChunks.sha256, own.sha256))).toEqual([]);
    expect(
      (await db.select().from(pdfFileChunks).where(eq(pdfFileChunks.sha256, shared.sha256))).length,
    ).toBeGreaterThan(0);

    // The kept batch still reads whole through the public API.
    const keptRes = await app.request(`/api/v1/batches/${kept.id}`);
    expect(keptRes.status).toBe(200);

    // Deleting again: it is gone.
    await expectError(
      await app.request(`/api/v1/batches/${doomed.id}`, { method: "DELETE", headers: bearer }),
      404,
      "NOT_FOUND",
    );
  });

  it("refuses a running batch with 409 and says to cancel it first", async () => {
    const db = database().db;
    const running = await makeBatch(db, { status: "processing", totalJobs: 2, completedJobs: 1 });
    await makeJob(db, running.id, { position: 0, status: "completed", stage: "done" });
    await makeJob(db, running.id, { position: 1, status: "processing", stage: "extracting" });
    const { app } = createTestApp(database());
    const error = await expectError(
      await app.request(`/api/v1/batches/${running.id}`, { method: "DELETE", headers: bearer }),
      409,
      "CONFLICT",
    );
    expect(error.message).toMatch(/cancel it first/i);
    expect(await rowCount(db, batchJobs)).toBe(2);
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const { app } = createTestApp(database());
    await expectError(
      await app.request("/api/v1/batches/7d1f1f4e-2c55-4b8e-9a57-1d8c2f4e9b10", {
        method: "DELETE",
        headers: bearer,
      }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await app.request("/api/v1/batches/not-a-uuid", { method: "DELETE", headers: bearer }),
      400,
      "VALIDATION_FAILED",
    );
  });
});
