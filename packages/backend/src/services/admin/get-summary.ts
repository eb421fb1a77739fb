/** The admin dashboard's numbers: batch and job status counts, error rates, top error types, cache hits, workers. */
import {
  type AdminSummary,
  BATCH_STATUSES,
  type BatchStatus,
  type ErrorTypeCount,
  JOB_STATUSES,
  type JobStatus,
} from "@splitstream/shared";
import { and, count, desc, eq, gte, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/database.ts";
import {
  batchJobs,
  extractionResults,
  processingBatches,
  workerStatusSummary,
} from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { countFailures, filtersOf } from "./list-errors.ts";
import { ratio } from "./paging.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const TOP_ERROR_TYPES = 5;

export async function getSummary({
  ctx,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input?: Record<string, never>;
}): Promise<AdminSummary> {
  const { db } = ctx.database;
  const now = ctx.clock();
  const batchCounts = await db
    .select({ status: processingBatches.status, n: count() })
    .from(processingBatches)
    .groupBy(processingBatches.status);
  const jobCounts = await db
    .select({
      status: batchJobs.status,
      n: count(),
      cached: sql<number>`count(*) filter (where ${batchJobs.cached})`.mapWith(Number),
    })
    .from(batchJobs)
    .groupBy(batchJobs.status);
  const last24h = await errorRateOf(db, gte(batchJobs.completedAt, new Date(now.getTime() - DAY_MS)));
  const overall = await errorRateOf(db);
  const topErrorTypes = await db
    .select({ code: batchJobs.errorCode, count: count() })
    .from(batchJobs)
    .where(and(eq(batchJobs.status, "failed"), isNotNull(batchJobs.errorCode)))
    .groupBy(batchJobs.errorCode)
    .orderBy(desc(count()), batchJobs.errorCode)
    .limit(TOP_ERROR_TYPES);
  const unresolved = await countFailures(db, undefined, and(...filtersOf({ resolved: false })));
  const [cache] = await db
    .select({
      hits: sql<number>`coalesce(sum(${extractionResults.hitCount}), 0)`.mapWith(Number),
      misses: count(),
    })
    .from(extractionResults);
  const [workers] = await db
    .select({
      total: count(),
      responsive: sql<number>`count(*) filter (where ${workerStatusSummary.responsive})`.mapWith(Number),
    })
    .from(workerStatusSummary);

  const batchesByStatus = zeroCounts(BATCH_STATUSES);
  for (const row of batchCounts) batchesByStatus[row.status as BatchStatus] = row.n;
  const jobsByStatus = zeroCounts(JOB_STATUSES);
  for (const row of jobCounts) jobsByStatus[row.status as JobStatus] = row.n;
  const hits = cache?.hits ?? 0;
  const misses = cache?.misses ?? 0;
  return {
    batches: { total: sum(batchCounts.map((row) => row.n)), byStatus: batchesByStatus },
    jobs: {
      total: sum(jobCounts.map((row) => row.n)),
      byStatus: jobsByStatus,
      cached: sum(jobCounts.map((row) => row.cached)),
    },
    errorRate: { last24h, overall },
    topErrorTypes: topErrorTypes.flatMap((row): ErrorTypeCount[] =>
      row.code ? [{ code: row.code, count: row.count }] : [],
    ),
    unresolvedErrors: unresolved,
    cache: { hits, misses, hitRate: ratio(hits, hits + misses) },
    workers: { total: workers?.total ?? 0, responsive: workers?.responsive ?? 0 },
    generatedAt: now.toISOString(),
  };
}

/** Failed jobs out of jobs that ended as completed or failed (cancelled ones say nothing about errors). */
async function errorRateOf(db: Db, window?: SQL) {
  const [row] = await db
    .select({
      finished: sql<number>`count(*) filter (where ${batchJobs.status} in ('completed', 'failed'))`.mapWith(
        Number,
      ),
      failed: sql<number>`count(*) filter (where ${batchJobs.status} = 'failed')`.mapWith(Number),
    })
    .from(batchJobs)
    .where(window);
  const finishedJobs = row?.finished ?? 0;
  const failedJobs = row?.failed ?? 0;
  return { finishedJobs, failedJobs, rate: ratio(failedJobs, finishedJobs) };
}

function zeroCounts<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map((value) => [value, 0])) as Record<T, number>;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
