import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { migrationStatus } from "../../src/db/migrate.ts";
import {
  batchEvents,
  batchJobs,
  batchJobsSummary,
  batchProcessingStatus,
  errorLogs,
  errorResolutions,
  extractionResults,
  pdfFiles,
  processingBatches,
  resultLinks,
  workerStatusSummary,
  workers,
} from "../../src/db/schema/index.ts";
import { readPdf } from "../../src/storage/pdf-store.ts";
import { makeBatch, makeJob, makePdfFile } from "../support/factories.ts";
import { describeEachDriver } from "../support/test-databases.ts";

describeEachDriver("schema and migrations", ({ database }) => {
  it("applies every migration and creates every table and view", async () => {
    const status = await migrationStatus(database());
    expect(status.applied).toBeGreaterThanOrEqual(1);
    const rows = await database().rows<{ name: string }>(sql`
      select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        "processing_batches",
        "batch_jobs",
        "pdf_files",
        "extraction_results",
        "batch_events",
        "result_links",
        "workers",
        "worker_logs",
        "error_logs",
        "error_resolutions",
        "batch_jobs_summary",
        "worker_status_summary",
        "batch_processing_status",
      ]),
    );
  });

  it("round-trips a batch with jobs, events, a PDF, a cached result and a link", async () => {
    const { db } = database();
    const pdf = await makePdfFile(db);
    const batch = await makeBatch(db, { totalJobs: 2 });
    const upload = await makeJob(db, batch.id, {
      sourceType: "upload",
      sourceUrl: null,
      sha256: pdf.sha256,
      fileName: "meet.pdf",
    });
    await makeJob(db, batch.id, { position: 1 });
    await db
      .insert(batchEvents)
      .values({ batchId: batch.id, seq: 1, type: "job.stage", data: { jobId: upload.id } });
    await db.insert(extractionResults).values({
      sha256: pdf.sha256,
      extractorVersion: "test",
      output: {
        meet: { name: null, startDate: null, endDate: null, course: null, venue: null, software: null },
        swims: [],
        warnings: [],
      },
      durationMs: 12,
    });
    await db.insert(resultLinks).values({ code: "abcDEF123_-x", batchId: batch.id });

    const stored = await db.query.processingBatches.findFirst({ where: eq(processingBatches.id, batch.id) });
    expect(stored?.swimmerName).toBe("Quinn Avery");
    expect(stored?.status).toBe("pending");
    expect(stored?.lastSeq).toBe(0);
    const stored256 = await readPdf(db, pdf.sha256);
    expect(Buffer.from(stored256!).equals(Buffer.from(pdf.content))).toBe(true);

    const [summary] = await db.select().from(batchJobsSummary).where(eq(batchJobsSummary.batchId, batch.id));
    expect(summary).toMatchObject({ totalJobs: 2, pendingJobs: 2, completedJobs: 0 });

    // Deleting a batch takes its jobs, events and links with it.
    await db.delete(processingBatches).where(eq(processingBatches.id, batch.id));
    expect(await db.select().from(batchJobs)).toHaveLength(0);
    expect(await db.select().from(batchEvents)).toHaveLength(0);
    expect(await db.select().from(resultLinks)).toHaveLength(0);
  });

  it("rejects values outside the allowed sets and malformed checksums", async () => {
    const { db } = database();
    const batch = await makeBatch(db);
    await expect(
      db.execute(sql`update processing_batches set status = 'bogus' where id = ${batch.id}`),
    ).rejects.toThrow();
    await expect(makeJob(db, batch.id, { stage: "bogus" as never })).rejects.toThrow();
    await expect(
      makeJob(db, batch.id, { sourceType: "upload", sourceUrl: null, sha256: null }),
    ).rejects.toThrow();
    await expect(
      db.insert(pdfFiles).values({ sha256: "ABC", sizeBytes: 1, chunkCount: 1 }),
    ).rejects.toThrow();
    await expect(
      db.insert(batchEvents).values({ batchId: batch.id, seq: 1, type: "job.exploded" as never, data: {} }),
    ).rejects.toThrow();
  });

  it("keeps one event per sequence number in a batch", async () => {
    const { db } = database();
    const batch = await makeBatch(db);
    await db.insert(batchEvents).values({ batchId: batch.id, seq: 1, type: "job.stage", data: {} });
    await expect(
      db.insert(batchEvents).values({ batchId: batch.id, seq: 1, type: "job.stage", data: {} }),
    ).rejects.toThrow();
  });

  it("summarises batch status with error rate and top error types", async () => {
    const { db } = database();
    const batch = await makeBatch(db, { totalJobs: 4, failedJobs: 3, completedJobs: 1, status: "partial" });
    await makeJob(db, batch.id, { status: "failed", errorCode: "NOT_PDF" });
    await makeJob(db, batch.id, { position: 1, status: "failed", errorCode: "NOT_PDF" });
    await makeJob(db, batch.id, { position: 2, status: "failed", errorCode: "TIMEOUT" });
    await makeJob(db, batch.id, { position: 3, status: "completed" });
    const [row] = await db
      .select()
      .from(batchProcessingStatus)
      .where(eq(batchProcessingStatus.batchId, batch.id));
    expect(row?.errorRate).toBeCloseTo(0.75);
    expect(row?.topErrorTypes).toEqual([
      { code: "NOT_PDF", count: 2 },
      { code: "TIMEOUT", count: 1 },
    ]);
  });

  it("reports a worker without a recent heartbeat as unresponsive", async () => {
    const { db } = database();
    await db.insert(workers).values([
      { id: "w-live", hostname: "h", pid: 1, concurrency: 2 },
      {
        id: "w-gone",
        hostname: "h",
        pid: 2,
        concurrency: 2,
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      },
    ]);
    const rows = await db.select().from(workerStatusSummary).orderBy(workerStatusSummary.workerId);
    expect(rows.map((row) => [row.workerId, row.status, row.responsive])).toEqual([
      ["w-gone", "unresponsive", false],
      ["w-live", "active", true],
    ]);
  });

  it("records an error and its resolution", async () => {
    const { db } = database();
    const batch = await makeBatch(db);
    const [log] = await db
      .insert(errorLogs)
      .values({ batchId: batch.id, errorCode: "NOT_PDF", message: "not a PDF", context: { stage: "queued" } })
      .returning();
    await db.insert(errorResolutions).values({ errorLogId: log!.id, resolvedBy: "admin" });
    await expect(
      db.insert(errorResolutions).values({ errorLogId: log!.id, resolvedBy: "admin" }),
    ).rejects.toThrow();
  });
});
