/**
 * Live progress across instances, over real sockets: two server processes on one PostgreSQL database,
 * a watcher on one and the worker on the other, and the instance running the job killed mid-batch.
 */
import type { BatchEvent, BatchWithJobs } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type LocalMeetServer, startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { SseReader } from "../support/sse-frames.ts";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 180_000 });

const INSTANCE_ENV = { ALLOW_PRIVATE_URLS: "true", QUEUE_POLL_MS: "100", JOB_LEASE_MS: "2000" };

interface Watch {
  events: BatchEvent[];
  /** The instance each connection went to, in order. */
  connections: string[];
}

/**
 * Watches a batch the way EventSource does: from `Last-Event-ID: 0`, and after a lost connection again
 * with the last id it saw, to whichever instance `pickInstance` names, until `batch.completed`.
 */
async function watchBatch(batchId: string, pickInstance: () => ServerProcess): Promise<Watch> {
  const watch: Watch = { events: [], connections: [] };
  let seenSeq = 0;
  for (let attempt = 0; attempt < 50; attempt++) {
    const instance = pickInstance();
    try {
      const res = await fetch(`http://127.0.0.1:${instance.port}/api/v1/batches/${batchId}/events`, {
        headers: { "Last-Event-ID": String(seenSeq) },
      });
      watch.connections.push(String(instance.child.pid));
      const reader = new SseReader(res);
      for (let next = await reader.nextEvent(60_000); next; next = await reader.nextEvent(60_000)) {
        watch.events.push(next.event);
        seenSeq = Number(next.frame.id);
        if (next.event.type === "batch.completed") return watch;
      }
    } catch {
      // The instance went away (or was not listening yet): reconnect, as the browser does.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up watching after 50 connections; saw ${watch.events.length} events`);
}

function expectEveryEventOnce(events: BatchEvent[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(events.at(-1)).toMatchObject({ type: "batch.completed", batchStatus: "completed" });
}

// Two processes share one database only on a PostgreSQL server; PGlite is embedded in one process.
describe.skipIf(!postgresAvailable())("SSE across instances [postgres]", () => {
  let testDatabase: TestDatabase;
  let meetHost: LocalMeetServer;
  const instances: ServerProcess[] = [];
  const startInstance = async (env: Record<string, string>) => {
    const instance = await startServerProcess({ DATABASE_URL: testDatabase.url!, ...INSTANCE_ENV, ...env });
    instances.push(instance);
    return instance;
  };
  const submit = async (instance: ServerProcess, urls: string[]) => {
    const res = await fetch(`http://127.0.0.1:${instance.port}/api/v1/batches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ swimmerName: FIXTURE_SWIMMER, urls }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as BatchWithJobs;
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase("postgres");
    meetHost = await startLocalMeetServer();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) {
      instance.child.kill("SIGKILL");
      if (instance.child.exitCode === null && instance.child.signalCode === null)
        await new Promise((resolve) => instance.child.once("exit", resolve));
    }
  });
  afterAll(async () => {
    await meetHost?.close();
    await testDatabase?.drop();
  });

  it("streams, in order, the events of jobs that a worker on another instance runs", async () => {
    const bytes = await meetPdf();
    meetHost.route("/a.pdf", () => ({ status: 200, body: bytes, delayMs: 200 }));
    meetHost.route("/b.pdf", () => ({ status: 200, body: bytes, delayMs: 200 }));
    const watched = await startInstance({ WORKER_CONCURRENCY: "0" });
    const working = await startInstance({ WORKER_CONCURRENCY: "1" });

    const batch = await submit(watched, [meetHost.url("/a.pdf"), meetHost.url("/b.pdf")]);
    const { events, connections } = await watchBatch(batch.id, () => watched);

    expect(connections).toEqual([String(watched.child.pid)]);
    expectEveryEventOnce(events);
    for (const job of batch.jobs) {
      const stages = events.flatMap((event) =>
        event.type === "job.stage" && event.jobId === job.id ? [event.stage] : [],
      );
      expect(stages).toEqual(["queued", "downloading", "extracting", "caching", "done"]);
    }
    // Only the working instance has workers; they ran both jobs.
    const workerRows = await testDatabase.database.rows<{ pid: number; jobs_completed: number }>(
      sql`select pid, jobs_completed from workers`,
    );
    expect(workerRows.map((row) => row.pid)).toEqual([working.child.pid]);
    expect(workerRows.reduce((sum, row) => sum + row.jobs_completed, 0)).toBe(2);
  });

  it("loses nothing when the instance that runs the job, and serves the watcher, is killed mid-batch", async () => {
    const bytes = await meetPdf();
    // The first download stalls, so the first instance is mid-job when it dies; the retry gets the PDF.
    meetHost.route("/stalls.pdf", (attempt) =>
      attempt === 1 ? { status: 200, body: bytes, delayMs: 120_000 } : { status: 200, body: bytes },
    );
    const doomed = await startInstance({ WORKER_CONCURRENCY: "1" });
    const batch = await submit(doomed, [meetHost.url("/stalls.pdf")]);
    let survivor: ServerProcess | undefined;
    const watching = watchBatch(batch.id, () => survivor ?? doomed);
    await vi.waitFor(() => expect(meetHost.hits("/stalls.pdf")).toBe(1), { timeout: 60_000, interval: 50 });

    survivor = await startInstance({ WORKER_CONCURRENCY: "1" });
    doomed.child.kill("SIGKILL");
    const { events, connections } = await watching;

    expect(connections[0]).toBe(String(doomed.child.pid));
    expect(connections.at(-1)).toBe(String(survivor.child.pid));
    expectEveryEventOnce(events);
    expect(events.filter((event) => event.type === "job.completed")).toHaveLength(1);
    expect(meetHost.hits("/stalls.pdf")).toBe(2);
  });
});
