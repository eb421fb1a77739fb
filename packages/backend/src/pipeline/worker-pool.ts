/**
 * This instance's workers: N slots that claim due jobs from the PostgreSQL queue, hold a lease renewed
 * by heartbeat, and run them. NOTIFY wakes idle slots at once; polling is the fallback. Cancel requests
 * reach the running job's AbortSignal on whichever instance runs it.
 */
import { hostname } from "node:os";
import { CANCEL_CHANNEL, JOBS_CHANNEL, jobCountOf } from "@splitstream/shared";
import { eq, inArray, sql } from "drizzle-orm";
import { claimJob, releaseLeases, renewLeases } from "../batches/job-queue.ts";
import { reportProgress } from "../batches/owned-job.ts";
import type { Clock } from "../batches/write-transition.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { batchJobs, type JobRow, workerLogs, workers } from "../db/schema/index.ts";
import type { Logger } from "../logger.ts";
import { ParserThreads } from "./parser-threads.ts";
import { type AbortReason, type JobOutcome, runJob } from "./run-job.ts";

interface RunningJob {
  job: JobRow;
  workerId: string;
  controller: AbortController;
  done: Promise<JobOutcome>;
}

export interface WorkerPoolOptions {
  database: Database;
  config: Config;
  logger: Logger;
  /** The time transitions use (the app's clock); defaults to the system's. */
  clock?: Clock;
  /** Called after a job settles (the e-mail notifier hangs here). */
  onJobSettled?: (job: JobRow, outcome: JobOutcome) => void;
  instanceId?: string;
  /** The parser threads' module; tests point it at a parser that misbehaves on purpose. */
  parserEntry?: URL;
}

const PROGRESS_MIN_INTERVAL_MS = 250;
const systemClock: Clock = () => new Date();

export class WorkerPool {
  readonly instanceId: string;
  private readonly running = new Map<string, RunningJob>();
  private readonly slots: Promise<void>[] = [];
  private stopping = false;
  private wakeUp: (() => void)[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>)[] = [];
  readonly parser: ParserThreads;

  constructor(private readonly options: WorkerPoolOptions) {
    this.instanceId =
      options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
    this.parser = new ParserThreads({
      size: options.config.WORKER_CONCURRENCY,
      memoryMb: options.config.EXTRACTION_MEMORY_MB,
      timeoutMs: options.config.EXTRACTION_TIMEOUT_MS,
      entry: options.parserEntry,
    });
  }

  private slotId(slot: number): string {
    return `${this.instanceId}/${slot}`;
  }

  async start(): Promise<void> {
    const { database, config } = this.options;
    const concurrency = config.WORKER_CONCURRENCY;
    if (concurrency === 0) return;
    this.parser.warm();
    await database.db
      .insert(workers)
      .values(
        Array.from({ length: concurrency }, (_, slot) => ({
          id: this.slotId(slot),
          hostname: hostname(),
          pid: process.pid,
          concurrency,
        })),
      )
      .onConflictDoNothing();
    await database.db.insert(workerLogs).values({
      workerId: this.slotId(0),
      level: "info",
      message: "instance started",
      context: { concurrency },
    });
    this.unlisten.push(
      await database.listen(
        JOBS_CHANNEL,
        (payload) => this.wake(jobCountOf(payload)),
        () => this.wake(),
      ),
    );
    this.unlisten.push(
      await database.listen(CANCEL_CHANNEL, (jobId) =>
        this.running.get(jobId)?.controller.abort("cancel" satisfies AbortReason),
      ),
    );
    this.heartbeat = setInterval(() => void this.beat(), Math.max(200, Math.floor(config.JOB_LEASE_MS / 3)));
    for (let slot = 0; slot < concurrency; slot++) this.slots.push(this.runSlot(slot));
  }

  /** Ids of the jobs running on this instance now. */
  runningJobIds(): string[] {
    return [...this.running.keys()];
  }

  /** Wakes as many idle slots as jobs became due (all of them when the count is unknown). */
  private wake(jobs = Number.POSITIVE_INFINITY): void {
    const waking = this.wakeUp.splice(0, jobs);
    for (const resolve of waking) resolve();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      // A slot that wakes by its timer leaves the queue, so a wake-up for one job goes to a slot that waits.
      const timer = setTimeout(() => {
        this.wakeUp = this.wakeUp.filter((other) => other !== waiter);
        resolve();
      }, ms);
      this.wakeUp.push(waiter);
    });
  }

  private async runSlot(slot: number): Promise<void> {
    const { database, config, logger } = this.options;
    const workerId = this.slotId(slot);
    while (!this.stopping) {
      let job: JobRow | null = null;
      try {
        job = await claimJob(database, workerId, config.JOB_LEASE_MS);
      } catch (error) {
        logger.error({ err: error, workerId }, "claiming a job failed");
      }
      if (!job) {
        await this.idle(config.QUEUE_POLL_MS);
        continue;
      }
      await this.runClaimed(workerId, job);
    }
  }

  private async runClaimed(workerId: string, job: JobRow): Promise<void> {
    const { database, config, logger } = this.options;
    const controller = new AbortController();
    const owner = { jobId: job.id, batchId: job.batchId, workerId };
    let lastProgressAt = 0;
    let progressWrites: Promise<void> = Promise.resolve();
    const clock = this.options.clock ?? systemClock;
    const done = runJob({
      database,
      clock,
      config,
      logger,
      job,
      owner,
      signal: controller.signal,
      parser: this.parser,
      progress: (message, fraction) => {
        const now = Date.now();
        // The ledger keeps every event: keep progress events to a rate people can read. The last step
        // (fraction 1, e.g. the last page) always goes through, so nobody is left on "page 39 of 40".
        if (now - lastProgressAt < PROGRESS_MIN_INTERVAL_MS && fraction !== 1) return progressWrites;
        lastProgressAt = now;
        // One write at a time, in order: a later page must never be overtaken by an earlier one.
        progressWrites = progressWrites.then(() =>
          reportProgress({ database, clock }, owner, message, fraction).catch(() => {}),
        );
        return progressWrites;
      },
    });
    // The claim has put the job on the slot's workers row already.
    this.running.set(job.id, { job, workerId, controller, done });
    let outcome: JobOutcome = "failed";
    try {
      outcome = await done;
    } catch (error) {
      logger.error(
        { err: error, jobId: job.id },
        "settling a job failed; its lease will lapse and it will run again",
      );
    } finally {
      this.running.delete(job.id);
    }
    await database.db
      .update(workers)
      .set({
        currentJobId: null,
        heartbeatAt: new Date(),
        jobsCompleted: sql`${workers.jobsCompleted} + ${outcome === "completed" ? 1 : 0}`,
        jobsFailed: sql`${workers.jobsFailed} + ${outcome === "failed" ? 1 : 0}`,
      })
      .where(eq(workers.id, workerId))
      .catch(() => {});
    this.options.onJobSettled?.(job, outcome);
  }

  /** Renews the leases of running jobs and this instance's worker heartbeats; aborts jobs whose lease is gone or that were cancelled. */
  private async beat(): Promise<void> {
    const { database, config, logger } = this.options;
    try {
      const byWorker = new Map<string, string[]>();
      for (const { job, workerId } of this.running.values())
        byWorker.set(workerId, [...(byWorker.get(workerId) ?? []), job.id]);
      for (const [workerId, jobIds] of byWorker) {
        const held = await renewLeases(database, workerId, jobIds, config.JOB_LEASE_MS);
        for (const jobId of jobIds)
          if (!held.has(jobId)) this.running.get(jobId)?.controller.abort("lease-lost" satisfies AbortReason);
      }
      const ids = this.runningJobIds();
      if (ids.length > 0) {
        // The NOTIFY may have been missed (another instance, a dropped connection): the row is the truth.
        const cancelled = await database.db
          .select({ id: batchJobs.id })
          .from(batchJobs)
          .where(sql`${inArray(batchJobs.id, ids)} and ${batchJobs.cancelRequested}`);
        for (const { id } of cancelled)
          this.running.get(id)?.controller.abort("cancel" satisfies AbortReason);
      }
      await database.db
        .update(workers)
        .set({ heartbeatAt: new Date(), status: this.stopping ? "draining" : "active" })
        .where(sql`${workers.id} like ${`${this.instanceId}/%`}`);
    } catch (error) {
      logger.warn({ err: error }, "worker heartbeat failed");
    }
  }

  /** Stops claiming, lets running jobs finish within the grace period, then aborts them and gives their leases back. */
  async stop(graceMs: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    const { database, logger } = this.options;
    const running = [...this.running.values()];
    const settled = Promise.allSettled(running.map((entry) => entry.done));
    const timedOut = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
    ]);
    if (timedOut) {
      logger.warn(
        { jobs: this.runningJobIds() },
        "jobs still running after the grace period: giving them back to the queue",
      );
      for (const entry of this.running.values()) entry.controller.abort("shutdown" satisfies AbortReason);
    }
    await Promise.allSettled(this.slots);
    await this.parser.close();
    clearInterval(this.heartbeat);
    for (const unlisten of this.unlisten) await unlisten().catch(() => {});
    for (let slot = 0; slot < this.options.config.WORKER_CONCURRENCY; slot++)
      await releaseLeases(database, this.slotId(slot)).catch(() => {});
    await database.db
      .update(workers)
      .set({ status: "stopped", stoppedAt: new Date(), currentJobId: null })
      .where(sql`${workers.id} like ${`${this.instanceId}/%`}`)
      .catch(() => {});
  }
}
