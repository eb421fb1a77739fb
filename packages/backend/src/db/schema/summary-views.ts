/** Read-only summaries for the admin pages: job counts per batch, worker liveness, batch processing status. */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgView,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** Seconds without a heartbeat after which a worker counts as unresponsive. */
export const WORKER_UNRESPONSIVE_AFTER_SECONDS = 45;

export const batchJobsSummary = pgView("batch_jobs_summary", {
  batchId: uuid("batch_id").notNull(),
  totalJobs: integer("total_jobs").notNull(),
  pendingJobs: integer("pending_jobs").notNull(),
  runningJobs: integer("running_jobs").notNull(),
  completedJobs: integer("completed_jobs").notNull(),
  failedJobs: integer("failed_jobs").notNull(),
  cancelledJobs: integer("cancelled_jobs").notNull(),
  cachedJobs: integer("cached_jobs").notNull(),
}).as(sql`
  SELECT batch_id,
    count(*)::int AS total_jobs,
    (count(*) FILTER (WHERE status = 'pending'))::int AS pending_jobs,
    (count(*) FILTER (WHERE status IN ('downloading', 'processing')))::int AS running_jobs,
    (count(*) FILTER (WHERE status = 'completed'))::int AS completed_jobs,
    (count(*) FILTER (WHERE status = 'failed'))::int AS failed_jobs,
    (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled_jobs,
    (count(*) FILTER (WHERE cached))::int AS cached_jobs
  FROM batch_jobs
  GROUP BY batch_id`);

export const workerStatusSummary = pgView("worker_status_summary", {
  workerId: text("worker_id").notNull(),
  hostname: text("hostname").notNull(),
  pid: integer("pid").notNull(),
  status: text("status").notNull(),
  concurrency: integer("concurrency").notNull(),
  currentJobId: uuid("current_job_id"),
  jobsCompleted: integer("jobs_completed").notNull(),
  jobsFailed: integer("jobs_failed").notNull(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull(),
  heartbeatAgeSeconds: doublePrecision("heartbeat_age_seconds").notNull(),
  responsive: boolean("responsive").notNull(),
}).as(sql`
  SELECT id AS worker_id, hostname, pid,
    CASE WHEN status = 'active' AND heartbeat_at < now() - make_interval(secs => ${sql.raw(String(WORKER_UNRESPONSIVE_AFTER_SECONDS))})
      THEN 'unresponsive' ELSE status END AS status,
    concurrency, current_job_id, jobs_completed, jobs_failed, heartbeat_at,
    extract(epoch FROM now() - heartbeat_at)::float8 AS heartbeat_age_seconds,
    (status IN ('active', 'draining') AND heartbeat_at >= now() - make_interval(secs => ${sql.raw(String(WORKER_UNRESPONSIVE_AFTER_SECONDS))})) AS responsive
  FROM workers`);

export const batchProcessingStatus = pgView("batch_processing_status", {
  batchId: uuid("batch_id").notNull(),
  swimmerName: text("swimmer_name").notNull(),
  status: text("status").notNull(),
  totalJobs: integer("total_jobs").notNull(),
  finishedJobs: integer("finished_jobs").notNull(),
  failedJobs: integer("failed_jobs").notNull(),
  cachedJobs: integer("cached_jobs").notNull(),
  errorRate: doublePrecision("error_rate").notNull(),
  topErrorTypes: jsonb("top_error_types").notNull(),
  lastSeq: bigint("last_event_id", { mode: "number" }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
}).as(sql`
  SELECT b.id AS batch_id, b.swimmer_name, b.status, b.total_jobs,
    (b.completed_jobs + b.failed_jobs + b.cancelled_jobs) AS finished_jobs,
    b.failed_jobs, b.cached_jobs,
    CASE WHEN b.total_jobs = 0 THEN 0::float8 ELSE b.failed_jobs::float8 / b.total_jobs END AS error_rate,
    COALESCE((
      SELECT jsonb_agg(jsonb_build_object('code', e.error_code, 'count', e.n) ORDER BY e.n DESC, e.error_code)
      FROM (
        SELECT j.error_code, count(*)::int AS n FROM batch_jobs j
        WHERE j.batch_id = b.id AND j.error_code IS NOT NULL
        GROUP BY j.error_code ORDER BY n DESC, j.error_code LIMIT 3
      ) e
    ), '[]'::jsonb) AS top_error_types,
    b.last_event_id, b.created_at, b.completed_at
  FROM processing_batches b`);
