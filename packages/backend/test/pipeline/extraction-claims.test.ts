/**
 * The extraction claim of a dead instance: it lasts as long as its job's lease, not the parse time limit,
 * and the job waiting on it says so once. The dead instance is played by rows: its job's lease and its
 * claim, as `kill -9` leaves them (the crash itself is in worker-crash.test.ts).
 */
import { EXTRACTOR_VERSION } from "@splitstream/extract";
import type { BatchEvent, BatchWithJobs } from "@splitstream/shared";
import { eq, sql } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { batchJobs, extractionClaims } from "../../src/db/schema/index.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import {
  allEvents,
  readJson,
  startPipeline,
  submitFiles,
  waitForBatch,
} from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 60_000 });

const DEAD_WORKER = "dead-instance:0";
const WAITING = "Another upload of this PDF is being read: waiting for it";

describeEachDriver("an extraction claim left by a dead instance", ({ database }) => {
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  afterEach(async () => {
    await pipeline?.stop();
    pipeline = undefined;
  });

  const submit = async () => {
    const res = await submitFiles(pipeline!.app, FIXTURE_SWIMMER, [
      { name: "meet.pdf", bytes: await meetPdf() },
    ]);
    expect(res.status).toBe(201);
    return readJson<BatchWithJobs>(res);
  };

  /** The dead instance held `jobId` (lease lapsing in `leaseSeconds`) and claimed its PDF for an hour. */
  const dieHolding = async (jobId: string, sha256: string, leaseSeconds: number) => {
    await database()
      .db.update(batchJobs)
      .set({ lockedBy: DEAD_WORKER, lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(eq(batchJobs.id, jobId));
    await database().db.insert(extractionClaims).values({
      sha256,
      extractorVersion: EXTRACTOR_VERSION,
      claimedBy: DEAD_WORKER,
      jobId,
      claimedUntil: sql`now() + interval '1 hour'`,
    });
  };

  const progressMessages = (events: BatchEvent[]) =>
    events.flatMap((event) => (event.type === "job.progress" ? [event.message] : []));

  it("is taken over by the job itself once another worker holds it", async () => {
    pipeline = startPipeline(database(), { JOB_LEASE_MS: "1000" });
    const batch = await submit();
    const job = batch.jobs[0]!;
    await dieHolding(job.id, job.sha256!, 0);

    await pipeline.startWorkers(1);
    // Far inside the claim's hour: the claim went with the lease.
    await waitForBatch(database(), batch.id, 30_000);

    const after = await readJson<BatchWithJobs>(await pipeline.app.request(`/api/v1/batches/${batch.id}`));
    expect(after.status).toBe("completed");
    expect(after.jobs[0]).toMatchObject({ status: "completed", cached: false, swimCount: 1 });
    expect(progressMessages(await allEvents(database(), batch.id))).not.toContain(WAITING);
    expect(await database().db.select().from(extractionClaims)).toEqual([]);
  });

  it("is waited on while the dead job's lease lasts, said once, then taken over by another batch", async () => {
    pipeline = startPipeline(database(), { JOB_LEASE_MS: "1000" });
    const first = await submit();
    const held = first.jobs[0]!;
    await dieHolding(held.id, held.sha256!, 2);
    const second = await submit();

    await pipeline.startWorkers(1);
    await waitForBatch(database(), second.id, 30_000);
    await waitForBatch(database(), first.id, 30_000);

    const secondAfter = await readJson<BatchWithJobs>(
      await pipeline.app.request(`/api/v1/batches/${second.id}`),
    );
    const firstAfter = await readJson<BatchWithJobs>(
      await pipeline.app.request(`/api/v1/batches/${first.id}`),
    );
    // The second batch parsed the PDF when the claim fell free; the first found it in the cache.
    expect(secondAfter.jobs[0]).toMatchObject({ status: "completed", cached: false });
    expect(firstAfter.jobs[0]).toMatchObject({ status: "completed", cached: true });

    const messages = progressMessages(await allEvents(database(), second.id));
    expect(messages.filter((message) => message === WAITING)).toHaveLength(1);
    expect(messages.filter((message, index) => message === messages[index - 1])).toEqual([]);
  });
  it("is not announced again by a second attempt of a job whose first attempt announced it", async () => {
    pipeline = startPipeline(database(), { JOB_LEASE_MS: "1000" });
    const first = await submit();
    const held = first.jobs[0]!;
    await dieHolding(held.id, held.sha256!, 2);
    const second = await submit();
    // As an instance that died while this job waited leaves it: the message said, the lease lapsed.
    await database()
      .db.update(batchJobs)
      .set({ progressMessage: WAITING, attempts: 1 })
      .where(eq(batchJobs.id, second.jobs[0]!.id));

    await pipeline.startWorkers(1);
    await waitForBatch(database(), second.id, 30_000);
    expect(progressMessages(await allEvents(database(), second.id))).not.toContain(WAITING);
  });
});
