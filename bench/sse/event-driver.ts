/**
 * The SSE benchmark's event source, a child process: creates batches with the real service, claims their
 * jobs off the real queue, then walks every job through the real state transitions (each one a
 * transaction that appends to the ledger and NOTIFYs on commit) at a fixed rate per batch, recording
 * each event's commit time.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { claimJob } from "@splitstream/backend/batches/job-queue";
import { completeJob, enterStage, reportProgress } from "@splitstream/backend/batches/owned-job";
import type { JobOwner } from "@splitstream/backend/batches/write-transition";
import { createBatch } from "@splitstream/backend/create-batch";
import { type Database, openDatabase } from "@splitstream/backend/database";
import { processingBatches } from "@splitstream/backend/schema";
import { type DriverResult, type FromDriver, type ToDriver, wallClock } from "./messages.ts";

const WORKER_ID = `bench-sse-driver-${process.pid}`;

/** The transitions' context: this process's database and the real clock. */
const on = (db: Database) => ({ database: db, clock: () => new Date() });

interface Step {
  /** Ledger events the step's transaction appends. */
  events: number;
  run: () => Promise<void>;
}

let database: Database | undefined;
let owners = new Map<string, JobOwner[]>();

const send = (message: FromDriver) => process.send?.(message);
// The runner owns this process: when it goes, so do we.
process.on("disconnect", () => process.exit(0));

process.on("message", (message: ToDriver) => {
  const task = message.type === "setup" ? setUp(message) : drive(message.rate, message.eventsPerBatch);
  task.catch((error: unknown) => {
    console.error("event driver failed:", error);
    process.exit(1);
  });
});

const makeBatch = (db: Database, jobs: number, name: string) =>
  createBatch({
    ctx: { database: db },
    input: {
      swimmerName: "Bench Swimmer",
      notificationEmail: undefined,
      uploads: [],
      urls: Array.from({ length: jobs }, (_, j) => `https://meets.example.org/${name}/${j}.pdf`),
      clientIp: null,
      ttlDays: 1,
    },
  });

/** The server runs no workers (WORKER_CONCURRENCY=0): this process is the only one, for an hour's lease. */
async function claimAll(db: Database, into: Map<string, JobOwner[]>): Promise<void> {
  for (let job = await claimJob(db, WORKER_ID, 3_600_000); job; ) {
    into.get(job.batchId)?.push({ jobId: job.id, batchId: job.batchId, workerId: WORKER_ID });
    job = await claimJob(db, WORKER_ID, 3_600_000);
  }
}

async function setUp(message: Extract<ToDriver, { type: "setup" }>): Promise<void> {
  database = await openDatabase({ databaseUrl: message.databaseUrl, dataDir: "unused", maxConnections: 10 });
  // Warm this process (and PostgreSQL) up on a batch nobody watches: its first transactions cost several
  // times its later ones, and would otherwise take the CPU from the server just as the measurement starts.
  const warm = await makeBatch(database, message.jobsPerBatch, "warm-up");
  const warmOwners = new Map<string, JobOwner[]>([[warm.id, []]]);
  await claimAll(database, warmOwners);
  for (const step of batchSteps(database, warmOwners.get(warm.id)!, 200)) await step.run();

  const batchIds: string[] = [];
  for (let b = 0; b < message.batches; b++)
    batchIds.push((await makeBatch(database, message.jobsPerBatch, String(b))).id);
  owners = new Map(batchIds.map((id) => [id, []]));
  await claimAll(database, owners);
  for (const [id, list] of owners)
    if (list.length !== message.jobsPerBatch) throw new Error(`batch ${id}: claimed ${list.length} jobs`);
  send({ type: "ready", batchIds, initialSeq: message.jobsPerBatch });
}

/** One job's steps, as the pipeline takes them, with `progress` job.progress events along the way. */
function jobSteps(db: Database, owner: JobOwner, progress: number, last: boolean): Step[] {
  const steps: Step[] = [{ events: 1, run: () => enterStage(on(db), owner, "downloading", "Downloading") }];
  const half = Math.floor(progress / 2);
  for (let i = 0; i < half; i++)
    steps.push({ events: 1, run: () => reportProgress(on(db), owner, `Downloaded ${i + 1} MB`, null) });
  steps.push({ events: 1, run: () => enterStage(on(db), owner, "extracting", "Reading the PDF") });
  for (let i = half; i < progress; i++)
    steps.push({
      events: 1,
      run: () =>
        reportProgress(on(db), owner, `Page ${i - half + 1}`, (i - half + 1) / (progress - half + 1)),
    });
  steps.push({ events: 1, run: () => enterStage(on(db), owner, "caching", "Saving the results") });
  steps.push({
    // job.stage done and job.completed; the batch's last job adds batch.completed.
    events: last ? 3 : 2,
    run: () =>
      completeJob(on(db), owner, {
        cached: false,
        select: () => ({ swimCount: 4, swimmerResult: { swims: [] } }),
        extractorVersion: "bench",
      }),
  });
  return steps;
}

/** Splits `events` over the batch's jobs: each job has 5 fixed events (plus batch.completed), the rest progress. */
function batchSteps(db: Database, jobs: readonly JobOwner[], events: number): Step[] {
  const progress = Math.max(0, events - (5 * jobs.length + 1));
  return jobs.flatMap((owner, j) =>
    jobSteps(
      db,
      owner,
      Math.floor(progress / jobs.length) + (j < progress % jobs.length ? 1 : 0),
      j === jobs.length - 1,
    ),
  );
}

async function drive(rate: number, eventsPerBatch: number): Promise<void> {
  const db = database;
  if (!db) throw new Error("run before setup");
  const intervalMs = 1000 / rate;
  const commits: Record<string, Float64Array> = {};
  const finalSeq: Record<string, number> = {};
  const late: number[] = [];
  let transactions = 0;
  let events = 0;
  const startAt = wallClock() + 200;
  send({ type: "started", at: startAt });
  const batches = [...owners];
  await Promise.all(
    batches.map(async ([batchId, jobs], b) => {
      const steps = batchSteps(db, jobs, eventsPerBatch);
      const total = jobs.length + steps.reduce((sum, step) => sum + step.events, 0);
      const times = new Float64Array(total + 1).fill(Number.NaN);
      commits[batchId] = times;
      // Batches are staggered evenly over one interval, so commits arrive at a steady rate overall.
      const offset = (b / batches.length) * intervalMs;
      let seq = jobs.length;
      let emitted = 0;
      for (const step of steps) {
        const due = startAt + offset + emitted * intervalMs;
        const wait = due - wallClock();
        if (wait > 0) await sleep(wait);
        late.push(Math.max(0, wallClock() - due));
        await step.run();
        const committed = wallClock();
        for (let k = 1; k <= step.events; k++) times[seq + k] = committed;
        seq += step.events;
        emitted += step.events;
        transactions += 1;
        events += step.events;
      }
      finalSeq[batchId] = seq;
    }),
  );
  const seconds = (wallClock() - startAt) / 1000;
  const rows = await db.db
    .select({ id: processingBatches.id, lastSeq: processingBatches.lastSeq })
    .from(processingBatches);
  const stored = new Map(rows.map((row) => [row.id, row.lastSeq]));
  const mismatchedBatches = Object.entries(finalSeq).filter(([id, seq]) => stored.get(id) !== seq).length;
  late.sort((a, b) => a - b);
  const result: DriverResult = {
    commits,
    finalSeq,
    transactions,
    events,
    seconds,
    lateP50: late[Math.floor(late.length / 2)] ?? 0,
    lateMax: late.at(-1) ?? 0,
    mismatchedBatches,
  };
  send({ type: "done", result });
  await db.close();
  database = undefined;
}
