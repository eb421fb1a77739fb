import type { BatchResults, BatchWithJobs } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { errorLogs, extractionResults } from "../../src/db/schema/index.ts";
import { FIXTURE_SWIMMER, meetPdf, notResultsPdf } from "../support/meet-fixtures.ts";
import {
  allEvents,
  readJson,
  startPipeline,
  submitFiles,
  waitForBatch,
} from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

// These tests parse PDFs in worker threads: allow for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describeEachDriver("the pipeline on uploads", ({ database }) => {
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  afterEach(async () => {
    await pipeline?.stop();
  });

  it("takes an upload through every stage, gaplessly numbered, to the swimmer's swims and a result link", async () => {
    const bytes = await meetPdf();
    pipeline = startPipeline(database());
    const res = await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "meet.pdf", bytes }]);
    expect(res.status).toBe(201);
    const batch = await readJson<BatchWithJobs>(res);
    expect(batch.jobs).toHaveLength(1);
    expect(batch.jobs[0]).toMatchObject({
      status: "pending",
      stage: "queued",
      sourceType: "upload",
      fileName: "meet.pdf",
    });

    await pipeline.startWorkers(1);
    await waitForBatch(database(), batch.id);

    const events = await allEvents(database(), batch.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const stages = events.flatMap((event) => (event.type === "job.stage" ? [event.stage] : []));
    expect(stages).toEqual(["queued", "extracting", "caching", "done"]);
    expect(events.at(-2)?.type).toBe("job.completed");
    expect(events.at(-1)).toMatchObject({ type: "batch.completed", batchStatus: "completed" });

    const results = await readJson<BatchResults>(
      await pipeline.app.request(`/api/v1/batches/${batch.id}/results`),
    );
    expect(results.status).toBe("completed");
    expect(results.swims.length).toBeGreaterThan(0);
    expect(results.swims.every((swim) => swim.meet.software !== undefined)).toBe(true);
    expect(results.personalBests.length).toBeGreaterThan(0);
    expect(results.resultCode).toMatch(/^[A-Za-z0-9_-]{12}$/);

    const shared = await pipeline.app.request(`/api/v1/results/${results.resultCode}`);
    expect(shared.status).toBe(200);
    expect((await readJson<BatchResults>(shared)).swims).toHaveLength(results.swims.length);

    const progress = await readJson<{ percentage: number; etaSeconds: number }>(
      await pipeline.app.request(`/api/v1/batches/${batch.id}/progress`),
    );
    expect(progress).toMatchObject({ percentage: 100, etaSeconds: 0 });
  });

  it("serves a second submission of the same PDF from the cache, still announcing every stage", async () => {
    const bytes = await meetPdf();
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const first = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "a.pdf", bytes }]),
    );
    await waitForBatch(database(), first.id);
    const second = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "b.pdf", bytes }]),
    );
    await waitForBatch(database(), second.id);

    const job = (await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${second.id}`)))
      .jobs[0];
    expect(job).toMatchObject({ status: "completed", cached: true });
    const stages = (await allEvents(database(), second.id)).flatMap((event) =>
      event.type === "job.stage" ? [event.stage] : [],
    );
    expect(stages).toEqual(["queued", "extracting", "caching", "done"]);
    const cacheRows = await database().db.select().from(extractionResults);
    expect(cacheRows).toHaveLength(1);
    expect(cacheRows[0]?.hitCount).toBe(1);
  });

  it("parses a new PDF once when two batches race on it", async () => {
    const bytes = await meetPdf();
    pipeline = startPipeline(database());
    const a = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "a.pdf", bytes }]),
    );
    const b = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, FIXTURE_SWIMMER, [{ name: "b.pdf", bytes }]),
    );
    await pipeline.startWorkers(2);
    await waitForBatch(database(), a.id);
    await waitForBatch(database(), b.id);
    const jobs = [
      ...(await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${a.id}`))).jobs,
      ...(await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${b.id}`))).jobs,
    ];
    expect(jobs.map((job) => job.status)).toEqual(["completed", "completed"]);
    expect(jobs.filter((job) => !job.cached)).toHaveLength(1);
    expect(await database().db.select().from(extractionResults)).toHaveLength(1);
  });

  it("fails a document that is not results with NOT_RESULTS, logs it, and finishes the batch", async () => {
    pipeline = startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, "Quinn Avery", [
        { name: "psych-sheet.pdf", bytes: await notResultsPdf() },
      ]),
    );
    await waitForBatch(database(), batch.id);
    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.status).toBe("failed");
    expect(after.jobs[0]).toMatchObject({ status: "failed", errorCode: "NOT_RESULTS" });
    expect(after.jobs[0]?.errorMessage).toBeTruthy();
    const logs = await database().db.select().from(errorLogs).where(eq(errorLogs.batchId, batch.id));
    expect(logs.map((log) => log.errorCode)).toEqual(["NOT_RESULTS"]);
    const events = await allEvents(database(), batch.id);
    expect(events.map((event) => event.type).slice(-2)).toEqual(["job.failed", "batch.completed"]);
  });

  it("cancels pending jobs at once and refuses to cancel twice", async () => {
    pipeline = startPipeline(database());
    const batch = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, "Quinn Avery", [{ name: "a.pdf", bytes: await meetPdf() }]),
    );
    const cancel = await pipeline.app.request(`/api/v1/batches/${batch.id}/cancel`, { method: "POST" });
    expect(cancel.status).toBe(200);
    const after = await readJson<BatchWithJobs>(cancel);
    expect(after.status).toBe("cancelled");
    expect(after.jobs[0]?.status).toBe("cancelled");
    const again = await pipeline.app.request(`/api/v1/batches/${batch.id}/cancel`, { method: "POST" });
    expect(again.status).toBe(409);
    const events = await allEvents(database(), batch.id);
    expect(events.map((event) => event.type)).toEqual(["job.stage", "job.cancelled", "batch.completed"]);
  });
});
