/**
 * Writes a transition: read and lock the rows (one statement), work out the change (job-transitions.ts,
 * pure), write it (one statement: a CTE that updates the jobs and the batch and inserts the events, the
 * error log row and the result link), commit, and only then send the wake-ups.
 */
import { BATCH_EVENTS_CHANNEL } from "@splitstream/shared";
import { and, eq, inArray, type SQL, sql, type WithSubquery } from "drizzle-orm";
import type { Database, Tx } from "../db/database.ts";
import {
  batchEvents,
  batchJobs,
  errorLogs,
  type JobRow,
  processingBatches,
  resultLinks,
} from "../db/schema/index.ts";
import { sendWakeUps, type WakeUp } from "../db/send-wake-ups.ts";
import type { JobTransition, TransitionState } from "./job-transitions.ts";
import { ledgerRows } from "./ledger-rows.ts";
import { newResultCode, resultCodeOf } from "./result-links.ts";

export type Clock = () => Date;

export interface DecideContext {
  now: Date;
  newCode: () => string;
}

export interface TransitionContext {
  database: Database;
  clock: Clock;
}

/** Who holds a running job: its worker slot, under a lease. */
export interface JobOwner {
  jobId: string;
  batchId: string;
  workerId: string;
}

/** The worker's lease on the job has passed to someone else, or the job has settled (or gone). */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lost the lease on job ${jobId}`);
    this.name = "LeaseLostError";
  }
}

const TERMINAL = ["completed", "failed", "cancelled"];

/** Locks the batch and the job this worker holds, in one statement; LeaseLostError if it holds it no more. */
export async function lockOwnedJob(tx: Tx, owner: JobOwner): Promise<TransitionState> {
  const [row] = await tx
    .select({ batch: processingBatches, job: batchJobs, resultCode: resultCodeOf() })
    .from(processingBatches)
    .innerJoin(batchJobs, eq(batchJobs.batchId, processingBatches.id))
    .where(
      and(
        eq(processingBatches.id, owner.batchId),
        eq(batchJobs.id, owner.jobId),
        eq(batchJobs.lockedBy, owner.workerId),
      ),
    )
    .for("update");
  if (!row || TERMINAL.includes(row.job.status)) throw new LeaseLostError(owner.jobId);
  return { batch: row.batch, jobs: [row.job], resultCode: row.resultCode };
}

/** Locks a batch (first) and those of its jobs `which` picks (second); null when there is no such batch. */
export async function lockBatchJobs(
  tx: Tx,
  batchId: string,
  which: SQL | undefined,
): Promise<TransitionState | null> {
  const [batchRow] = await tx
    .select({ batch: processingBatches, resultCode: resultCodeOf() })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId))
    .for("update");
  if (!batchRow) return null;
  const jobs: JobRow[] = which
    ? await tx
        .select()
        .from(batchJobs)
        .where(and(eq(batchJobs.batchId, batchId), which))
        .orderBy(batchJobs.position)
        .for("update")
    : [];
  return { batch: batchRow.batch, jobs, resultCode: batchRow.resultCode };
}

/** Writes the transition in one statement; returns the batch's newest event number. */
export async function writeTransition(
  tx: Tx,
  state: TransitionState,
  transition: JobTransition,
  now: Date,
): Promise<number> {
  const { batch } = state;
  const lastSeq = batch.lastSeq + transition.events.length;
  const batchUpdate = tx.$with("batch_update").as(
    tx
      .update(processingBatches)
      .set({ updatedAt: now, ...transition.batchChange, lastSeq })
      .where(eq(processingBatches.id, batch.id))
      .returning({ lastSeq: processingBatches.lastSeq }),
  );
  const ctes: WithSubquery[] = [];
  transition.jobUpdates.forEach(({ ids, change }, index) => {
    ctes.push(
      tx.$with(`job_update_${index}`).as(
        tx
          .update(batchJobs)
          .set(change)
          .where(inArray(batchJobs.id, [...ids]))
          .returning({ id: batchJobs.id }),
      ),
    );
  });
  if (transition.events.length > 0) {
    ctes.push(
      tx.$with("event_insert").as(
        tx
          .insert(batchEvents)
          .values(ledgerRows(batch.id, batch.lastSeq, transition.events, now))
          .returning({ seq: batchEvents.seq }),
      ),
    );
  }
  if (transition.errorLog) {
    ctes.push(
      tx
        .$with("error_insert")
        .as(tx.insert(errorLogs).values(transition.errorLog).returning({ id: errorLogs.id })),
    );
  }
  if (transition.newResultCode) {
    ctes.push(
      tx
        .$with("link_insert")
        .as(
          tx
            .insert(resultLinks)
            .values({ code: transition.newResultCode, batchId: batch.id })
            .returning({ code: resultLinks.code }),
        ),
    );
  }
  const [row] = await tx
    .with(batchUpdate, ...ctes)
    .select({ lastSeq: batchUpdate.lastSeq })
    .from(batchUpdate);
  if (!row) throw new Error(`batch ${batch.id} is gone`);
  return row.lastSeq;
}

/**
 * Runs one transition in its own transaction: lock, decide, write, commit; then its wake-ups (the batch's
 * streams, and any the transition names) go out, grouped with others (db/send-wake-ups.ts).
 */
export async function runTransition<T extends TransitionState>(
  { database, clock }: TransitionContext,
  lock: (tx: Tx) => Promise<T>,
  decide: (state: T, context: DecideContext) => JobTransition,
): Promise<WrittenTransition<T>> {
  const written = await database.db.transaction(async (tx) => {
    const state = await lock(tx);
    const now = clock();
    const transition = decide(state, { now, newCode: newResultCode });
    const lastSeq = await writeTransition(tx, state, transition, now);
    return { state, transition, lastSeq, at: now };
  });
  const { state, transition, lastSeq } = written;
  const wakeUps: WakeUp[] = [...transition.wakeUps];
  if (transition.events.length > 0) wakeUps.push([BATCH_EVENTS_CHANNEL, `${state.batch.id}:${lastSeq}`]);
  // Not awaited: the rows are committed, and a lost wake-up only delays a watcher to its next poll.
  if (wakeUps.length > 0) void sendWakeUps(database, wakeUps);
  return written;
}

export interface WrittenTransition<T extends TransitionState> {
  state: T;
  transition: JobTransition;
  /** The batch's newest event number after the write. */
  lastSeq: number;
  /** The clock's time the transition was decided and written at. */
  at: Date;
}
