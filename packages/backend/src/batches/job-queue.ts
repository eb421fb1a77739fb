/** The queue's claim: take the oldest due job nobody holds, with FOR UPDATE SKIP LOCKED, and a lease on it. */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import type { JobRow } from "../db/schema/index.ts";
import { batchJobs, OPEN_STATUSES_SQL, workers } from "../db/schema/index.ts";

/**
 * Claims a job for the worker slot and, in the same statement, records on the slot's `workers` row what
 * it now runs (nothing, when no job was due).
 */
export async function claimJob(
  database: Database,
  workerId: string,
  leaseMs: number,
): Promise<JobRow | null> {
  const rows = await claimStatement(database).execute({ workerId, leaseSeconds: leaseMs / 1000 });
  return (rows[0] as JobRow | undefined) ?? null;
}

function buildClaimStatement(db: Database["db"]) {
  const workerId = sql.placeholder("workerId");
  const claim = db.$with("claimed").as(
    db
      .update(batchJobs)
      .set({
        lockedBy: sql`${workerId}`,
        lockedUntil: sql`now() + make_interval(secs => ${sql.placeholder("leaseSeconds")})`,
        heartbeatAt: sql`now()`,
        attempts: sql`${batchJobs.attempts} + 1`,
        startedAt: sql`coalesce(${batchJobs.startedAt}, now())`,
      })
      .where(
        sql`${batchJobs.id} = (
        select id from batch_jobs
        where status in ${OPEN_STATUSES_SQL}
          and run_at <= now()
          and (locked_until is null or locked_until < now())
        order by run_at, created_at, position
        limit 1
        for update skip locked)`,
      )
      .returning(),
  );
  const slot = db
    .$with("slot")
    .as(
      db
        .update(workers)
        .set({ currentJobId: sql`(select id from claimed)`, heartbeatAt: sql`now()` })
        .where(eq(workers.id, workerId))
        .returning({ id: workers.id }),
    );
  return db.with(claim, slot).select().from(claim).prepare("claim_job");
}

const claimStatements = new WeakMap<Database, ReturnType<typeof buildClaimStatement>>();

/** Every idle slot runs the claim a few times a second: its SQL is built once per database. */
function claimStatement(database: Database): ReturnType<typeof buildClaimStatement> {
  let statement = claimStatements.get(database);
  if (!statement) {
    statement = buildClaimStatement(database.db);
    claimStatements.set(database, statement);
  }
  return statement;
}

/** Extends the leases of the jobs this worker holds; returns the ids it still holds. */
export async function renewLeases(
  database: Database,
  workerId: string,
  jobIds: readonly string[],
  leaseMs: number,
): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await database.db
    .update(batchJobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`, heartbeatAt: sql`now()` })
    .where(sql`${batchJobs.lockedBy} = ${workerId} and ${batchJobs.id} in ${jobIds}`)
    .returning({ id: batchJobs.id, cancelRequested: batchJobs.cancelRequested });
  return new Set(rows.map((row) => row.id));
}

/** Gives jobs back to the queue at once (graceful shutdown), so another instance need not wait for the lease. */
export async function releaseLeases(database: Database, workerId: string): Promise<void> {
  await database.db
    .update(batchJobs)
    .set({ lockedBy: null, lockedUntil: null })
    .where(sql`${batchJobs.lockedBy} = ${workerId}`);
}
