import type { BatchWithJobs } from "@splitstream/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { allEvents, readJson, startPipeline, waitForBatch } from "../support/pipeline-harness.ts";
import { startServerProcess } from "../support/server-process.ts";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 180_000 });

// Two processes share one database only on a PostgreSQL server; PGlite is embedded in one process.
describe.skipIf(!postgresAvailable())("an instance killed mid-job [postgres]", () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await testDatabase?.drop();
  });

  it("leaves the job to another instance, which finishes it exactly once", async () => {
    const database = testDatabase.database;
    const bytes = await meetPdf();
    const meetHost = await startLocalMeetServer();
    // The first download stalls, so the first instance is mid-job when it dies; the second gets the PDF.
    meetHost.route("/meet.pdf", (attempt) =>
      attempt === 1 ? { status: 200, body: bytes, delayMs: 120_000 } : { status: 200, body: bytes },
    );
    const doomed = await startServerProcess({
      DATABASE_URL: testDatabase.url!,
      WORKER_CONCURRENCY: "1",
      JOB_LEASE_MS: "2000",
      QUEUE_POLL_MS: "100",
      ALLOW_PRIVATE_URLS: "true",
    });
    const survivor = startPipeline(database, { JOB_LEASE_MS: "2000" });
    try {
      const res = await survivor.app.request("/api/v1/batches", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ swimmerName: FIXTURE_SWIMMER, urls: [meetHost.url("/meet.pdf")] }),
      });
      const batch = await readJson<BatchWithJobs>(res);
      await vi.waitFor(() => expect(meetHost.hits("/meet.pdf")).toBe(1), { timeout: 60_000, interval: 50 });
      doomed.child.kill("SIGKILL");
      await new Promise((resolve) => doomed.child.once("exit", resolve));

      await survivor.startWorkers(1);
      await waitForBatch(database, batch.id, 120_000);

      const after = await readJson<BatchWithJobs>(await survivor.app.request(`/api/v1/batches/${batch.id}`));
      expect(after.status).toBe("completed");
      expect(after.jobs[0]).toMatchObject({ status: "completed", attempts: 2 });
      expect(meetHost.hits("/meet.pdf")).toBe(2);
      const events = await allEvents(database, batch.id);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === "job.completed")).toHaveLength(1);
      expect(events.filter((event) => event.type === "batch.completed")).toHaveLength(1);
    } finally {
      doomed.child.kill("SIGKILL");
      await survivor.stop();
      await meetHost.close();
    }
  });
});
