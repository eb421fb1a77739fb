/**
 * The error log, one entry per job failure (its retries folded in, with the attempt count), newest
 * first, with each entry's resolution; filtered by code, resolved state and batch.
 */
import type {
  AdminErrorEntry,
  AdminErrorList,
  AdminErrorListQuery,
  ErrorOutcome,
  JobStatus,
} from "@splitstream/shared";
import { and, count, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/database.ts";
import { batchJobs, type ErrorLogRow, errorLogs, errorResolutions } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { pageInfo } from "./paging.ts";

type ResolutionRow = typeof errorResolutions.$inferSelect;

/**
 * The pipeline writes one error-log row per failed attempt: scheduleRetry's rows carry `retryAt` in
 * their context (another try follows), failJob's row does not (the job gave up). So a job's rows, in id
 * order, fall into failures that each end at a row without `retryAt`; a failure still open is the job's
 * last one. Rows without a job stand alone.
 */
const isFinalAttempt = sql`(${errorLogs.context} ->> 'retryAt') is null`;

/**
 * Every error-log row with the failure it belongs to: `headId` is the failure's newest row (the one the
 * log shows), `attempts` its row count, `firstAt` its first row's time. `scope` narrows the rows read
 * (by batch or job: a job's rows are never split by it).
 */
export function failureAttempts(db: DbOrTx, scope?: SQL) {
  const numbered = db
    .select({
      id: errorLogs.id,
      jobId: errorLogs.jobId,
      createdAt: errorLogs.createdAt,
      // How many failures of this job ended before this row: the number of the failure it is in.
      failureNumber: sql<number>`coalesce(count(*) filter (where ${isFinalAttempt}) over (
        partition by ${errorLogs.jobId} order by ${errorLogs.id}
        rows between unbounded preceding and 1 preceding), 0)`.as("failure_number"),
      final: sql<boolean>`${isFinalAttempt}`.as("is_final_attempt"),
    })
    .from(errorLogs)
    .where(scope)
    .as("numbered_error_logs");
  const failure = sql`partition by ${numbered.jobId}, ${numbered.failureNumber}`;
  const alone = sql`${numbered.jobId} is null`;
  return db
    .select({
      id: numbered.id,
      headId:
        sql<number>`case when ${alone} then ${numbered.id} else max(${numbered.id}) over (${failure}) end`
          .mapWith(Number)
          .as("failure_head_id"),
      attempts: sql<number>`case when ${alone} then 1 else count(*) over (${failure}) end`
        .mapWith(Number)
        .as("failure_attempts"),
      firstAt:
        sql<Date>`case when ${alone} then ${numbered.createdAt} else min(${numbered.createdAt}) over (${failure}) end`
          .mapWith(errorLogs.createdAt)
          .as("failure_first_at"),
      headIsFinal:
        sql<boolean>`case when ${alone} then true else bool_or(${numbered.final}) over (${failure}) end`.as(
          "failure_is_closed",
        ),
    })
    .from(numbered)
    .as("error_log_failures");
}

/** The failures (one row each, by their newest row) matching `where`, with resolution and job status. */
function selectFailures(db: DbOrTx, scope: SQL | undefined, where: SQL | undefined) {
  const attempts = failureAttempts(db, scope);
  return db
    .select({
      entry: errorLogs,
      resolution: errorResolutions,
      attempts: attempts.attempts,
      firstAt: attempts.firstAt,
      headIsFinal: attempts.headIsFinal,
      jobStatus: batchJobs.status,
    })
    .from(attempts)
    .innerJoin(errorLogs, and(eq(errorLogs.id, attempts.id), eq(attempts.id, attempts.headId)))
    .leftJoin(errorResolutions, eq(errorResolutions.errorLogId, errorLogs.id))
    .leftJoin(batchJobs, eq(batchJobs.id, errorLogs.jobId))
    .where(where);
}

type FailureRow = Awaited<ReturnType<typeof selectFailures>>[number];

export async function listErrors({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: AdminErrorListQuery;
}): Promise<AdminErrorList> {
  const { db } = ctx.database;
  const scope = input.batchId ? eq(errorLogs.batchId, input.batchId) : undefined;
  const where = and(...filtersOf(input));
  const rows = await selectFailures(db, scope, where)
    .orderBy(desc(errorLogs.createdAt), desc(errorLogs.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const total = await countFailures(db, scope, where);
  return { ...pageInfo(input, total), items: rows.map(toErrorEntry) };
}

/** Failures matching the filters (the summary counts the unresolved ones with it). */
export async function countFailures(db: DbOrTx, scope: SQL | undefined, where: SQL | undefined) {
  const attempts = failureAttempts(db, scope);
  const [row] = await db
    .select({ n: count() })
    .from(attempts)
    .innerJoin(errorLogs, and(eq(errorLogs.id, attempts.id), eq(attempts.id, attempts.headId)))
    .leftJoin(errorResolutions, eq(errorResolutions.errorLogId, errorLogs.id))
    .where(where);
  return row?.n ?? 0;
}

/** One failure, by the id of any of its rows; null when there is no such row. */
export async function getFailure(db: DbOrTx, errorLogId: number): Promise<AdminErrorEntry | null> {
  const [row] = await db
    .select({ jobId: errorLogs.jobId })
    .from(errorLogs)
    .where(eq(errorLogs.id, errorLogId));
  if (!row) return null;
  const ids = await failureRowIds(db, errorLogId, row.jobId);
  const headId = Math.max(...ids);
  const [failure] = await selectFailures(db, scopeOfJob(row.jobId, errorLogId), eq(errorLogs.id, headId));
  return failure ? toErrorEntry(failure) : null;
}

/** The ids of every row of the failure that row `errorLogId` belongs to. */
export async function failureRowIds(db: DbOrTx, errorLogId: number, jobId: string | null): Promise<number[]> {
  const attempts = failureAttempts(db, scopeOfJob(jobId, errorLogId));
  const rows = await db.select({ id: attempts.id, headId: attempts.headId }).from(attempts);
  const headId = rows.find((row) => row.id === errorLogId)?.headId;
  return rows.filter((row) => row.headId === headId).map((row) => row.id);
}

function scopeOfJob(jobId: string | null, errorLogId: number): SQL {
  return jobId ? eq(errorLogs.jobId, jobId) : eq(errorLogs.id, errorLogId);
}

export function filtersOf(input: Pick<AdminErrorListQuery, "code" | "resolved">): SQL[] {
  const filters: SQL[] = [];
  if (input.code) filters.push(eq(errorLogs.errorCode, input.code));
  if (input.resolved !== undefined) {
    filters.push(
      input.resolved ? isNotNull(errorResolutions.errorLogId) : isNull(errorResolutions.errorLogId),
    );
  }
  return filters;
}

/** What became of the job after this failure: see ERROR_OUTCOMES. */
function outcomeOf(headIsFinal: boolean, jobStatus: JobStatus | null): ErrorOutcome {
  if (headIsFinal) return "failed";
  // The failure is open (its last attempt was followed by another try): the job says how that went.
  if (jobStatus === "completed") return "recovered";
  if (jobStatus === "cancelled") return "cancelled";
  if (jobStatus === "failed" || jobStatus === null) return "failed";
  return "retrying";
}

function toErrorEntry(row: FailureRow): AdminErrorEntry {
  return {
    ...toEntryFields(row.entry, row.resolution),
    firstAt: row.firstAt.toISOString(),
    attempts: row.attempts,
    outcome: outcomeOf(row.headIsFinal, row.jobStatus),
  };
}

function toEntryFields(entry: ErrorLogRow, resolution: ResolutionRow | null) {
  return {
    id: entry.id,
    batchId: entry.batchId,
    jobId: entry.jobId,
    workerId: entry.workerId,
    code: entry.errorCode,
    message: entry.message,
    context: entry.context ?? null,
    retryable: entry.retryable,
    createdAt: entry.createdAt.toISOString(),
    resolution: resolution
      ? {
          resolvedBy: resolution.resolvedBy,
          note: resolution.note,
          resolvedAt: resolution.resolvedAt.toISOString(),
        }
      : null,
  };
}
