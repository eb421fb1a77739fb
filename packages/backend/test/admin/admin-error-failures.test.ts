/**
 * The error log folds a job's retries into one entry per failure, with the attempt count: rows written
 * by the real pipeline transitions (claim, scheduleRetry, failJob, completeJob), read through the API.
 */
import { adminErrorEntrySchema, adminErrorListSchema, adminSummarySchema } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { claimJob } from "../../src/batches/job-queue.ts";
import { completeJob, failJob, scheduleRetry } from "../../src/batches/owned-job.ts";
import type { Database } from "../../src/db/database.ts";
import { batchJobs, errorLogs } from "../../src/db/schema/index.ts";
import { createLogger } from "../../src/logger.ts";
import { retryBatch } from "../../src/services/retry-batch.ts";
import { makeBatch, makeJob } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";
import { bearer, makeErrorLog } from "./admin-factories.ts";

const WORKER = "pool-host-4242-ab12/0";
const silentLogger = createLogger("silent");

/** The transitions' context: the test's database and the real clock. */
function on(database: Database) {
  return { database, clock: () => new Date() };
}
const LEASE_MS = 30_000;

/** A job of its own batch, for the claims below to take (no other job is due while it runs). */
async function newJob(database: Database, name: string) {
  const batch = await makeBatch(database.db, { swimmerName: name, status: "pending", totalJobs: 1 });
  const job = await makeJob(database.db, batch.id, { sourceUrl: `https://example.org/${name}.pdf` });
  return { batchId: batch.id, jobId: job.id, workerId: WORKER };
}

async function claim(database: Database, jobId: string) {
  const claimed = await claimJob(database, WORKER, LEASE_MS);
  expect(claimed?.id).toBe(jobId);
}

async function failAttemptThenRetry(database: Database, owner: Awaited<ReturnType<typeof newJob>>) {
  await claim(database, owner.jobId);
  await scheduleRetry(on(database), owner, {
    code: "TIMEOUT",
    message: "The server took too long to answer.",
    // Due at once, so the next claim takes it again.
    retryAt: new Date(Date.now() - 1000),
    context: {},
  });
}

async function failForGood(database: Database, owner: Awaited<ReturnType<typeof newJob>>) {
  await claim(database, owner.jobId);
  await failJob(on(database), owner, {
    code: "TIMEOUT",
    message: "The server took too long to answer.",
    context: {},
    retryable: true,
  });
}

describeEachDriver("the error log groups retries into one entry per job failure", ({ database }) => {
  async function seed() {
    const db = database();
    // Three failed attempts, then the job gives up: one failure of 3 attempts.
    const gaveUp = await newJob(db, "gave-up");
    await failAttemptThenRetry(db, gaveUp);
    await failAttemptThenRetry(db, gaveUp);
    await failForGood(db, gaveUp);
    // Tried again by a person, it fails at once: a second failure of the same job, 1 attempt.
    await retryBatch({ ctx: { ...on(db), logger: silentLogger }, input: { batchId: gaveUp.batchId } });
    await failForGood(db, gaveUp);
    // One failed attempt, then success on the retry.
    const recovered = await newJob(db, "recovered");
    await failAttemptThenRetry(db, recovered);
    await claim(db, recovered.jobId);
    await completeJob(on(db), recovered, {
      cached: false,
      select: () => ({ swimCount: 0, swimmerResult: null }),
      extractorVersion: "x1",
    });
    // One failed attempt, its retry not due yet.
    const waiting = await newJob(db, "waiting");
    await claim(db, waiting.jobId);
    await scheduleRetry(on(db), waiting, {
      code: "RATE_LIMIT",
      message: "The server asked us to slow down.",
      retryAt: new Date(Date.now() + 3_600_000),
      context: {},
    });
    // An error not tied to a job stands alone.
    const alone = await makeErrorLog(db.db, { errorCode: "INTERNAL", message: "Something broke." });
    const rows = await db.db.select().from(errorLogs).orderBy(errorLogs.id);
    return { gaveUp, recovered, waiting, alone, rows };
  }

  async function list(query = "") {
    const { app } = createTestApp(database());
    const res = await app.request(`/api/v1/admin/errors${query}`, { headers: bearer });
    expect(res.status).toBe(200);
    return adminErrorListSchema.parse(await res.json());
  }

  it("shows one row per failure with its attempts and outcome, newest first", async () => {
    const { gaveUp, recovered, waiting, alone, rows } = await seed();
    expect(rows).toHaveLength(7);
    const log = await list();
    expect(log.total).toBe(5);
    expect(log.items.map((entry) => [entry.jobId, entry.attempts, entry.outcome])).toEqual([
      [null, 1, "failed"],
      [waiting.jobId, 1, "retrying"],
      [recovered.jobId, 1, "recovered"],
      [gaveUp.jobId, 1, "failed"],
      [gaveUp.jobId, 3, "failed"],
    ]);
    expect(log.items[0]?.id).toBe(alone.id);
    // The three-attempt failure is shown by its last attempt, and spans from the first.
    const gaveUpRows = rows.filter((row) => row.jobId === gaveUp.jobId);
    const first = log.items[4]!;
    expect(first.id).toBe(gaveUpRows[2]!.id);
    expect(first.firstAt).toBe(gaveUpRows[0]!.createdAt.toISOString());
    expect(first.createdAt).toBe(gaveUpRows[2]!.createdAt.toISOString());
    expect(first).toMatchObject({ code: "TIMEOUT", batchId: gaveUp.batchId, resolution: null });
  });

  it("pages over failures, not over attempts", async () => {
    await seed();
    const pages = [
      await list("?pageSize=2&page=1"),
      await list("?pageSize=2&page=2"),
      await list("?pageSize=2&page=3"),
    ];
    expect(pages.map((page) => [page.total, page.totalPages, page.items.length])).toEqual([
      [5, 3, 2],
      [5, 3, 2],
      [5, 3, 1],
    ]);
    const ids = pages.flatMap((page) => page.items.map((entry) => entry.id));
    expect(new Set(ids).size).toBe(5);
    const timeouts = await list("?code=TIMEOUT");
    expect(timeouts.items.map((entry) => entry.attempts)).toEqual([1, 1, 3]);
    const ofBatch = await list(`?batchId=${timeouts.items[2]!.batchId}`);
    expect(ofBatch.items.map((entry) => entry.attempts)).toEqual([1, 3]);
  });

  it("resolves every attempt of a failure from any one of them, and the summary counts failures", async () => {
    const { gaveUp, rows } = await seed();
    const { app } = createTestApp(database());
    const summary = async () => {
      const res = await app.request("/api/v1/admin/summary", { headers: bearer });
      return adminSummarySchema.parse(await res.json()).unresolvedErrors;
    };
    expect(await summary()).toBe(5);
    const firstAttempt = rows.find((row) => row.jobId === gaveUp.jobId)!;
    const res = await app.request(`/api/v1/admin/errors/${firstAttempt.id}/resolve`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ note: "The meet host's server was down." }),
    });
    expect(res.status).toBe(200);
    const resolved = adminErrorEntrySchema.parse(await res.json());
    expect(resolved).toMatchObject({ attempts: 3, resolution: { note: "The meet host's server was down." } });
    expect((await list("?resolved=true")).items.map((entry) => entry.id)).toEqual([resolved.id]);
    expect((await list("?resolved=false")).total).toBe(4);
    expect(await summary()).toBe(4);
    // The job's later failure is its own and stays open.
    const [job] = await database().db.select().from(batchJobs).where(eq(batchJobs.id, gaveUp.jobId));
    expect(job?.status).toBe("failed");
  });
});
