/** One file or URL of a batch; the table is also the job queue (claimed with FOR UPDATE SKIP LOCKED). */
import {
  COURSES,
  JOB_ERROR_CODES,
  JOB_SOURCES,
  JOB_STAGES,
  JOB_STATUSES,
  MAX_RETRIES,
  OPEN_JOB_STATUSES,
} from "@splitstream/shared";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, oneOf, timestampTz, updatedAt } from "./columns.ts";
import { pdfFiles } from "./pdf-files.ts";
import { processingBatches } from "./processing-batches.ts";

/** The open statuses as an SQL list, `('pending', 'downloading', 'processing')`, for indexes and raw queries. */
export const OPEN_STATUSES_SQL = sql.raw(`(${OPEN_JOB_STATUSES.map((status) => `'${status}'`).join(", ")})`);

export const batchJobs = pgTable(
  "batch_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => processingBatches.id, { onDelete: "cascade" }),
    /** Order of the source within its batch, from 0. */
    position: integer("position").notNull(),
    sourceType: text("source_type", { enum: JOB_SOURCES }).notNull(),
    sourceUrl: text("source_url"),
    fileName: text("file_name"),
    sha256: char("sha256", { length: 64 }).references(() => pdfFiles.sha256, { onDelete: "restrict" }),
    fileSize: bigint("file_size", { mode: "number" }),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    stage: text("stage", { enum: JOB_STAGES }).notNull().default("queued"),
    /** The last stage that finished, so a job claimed again resumes after it. */
    lastCompletedStage: text("last_completed_stage", { enum: JOB_STAGES }),
    cached: boolean("cached").notNull().default(false),
    progressMessage: text("progress_message"),
    errorCode: text("error_code", { enum: JOB_ERROR_CODES }),
    errorMessage: text("error_message"),
    extractorVersion: text("extractor_version"),
    /** The swimmer's swims selected from the meet, with how each matched. */
    swimmerResult: jsonb("swimmer_result"),
    /** The meet's pool as the person set it on the results page; overrides what the PDF says. */
    courseOverride: text("course_override", { enum: COURSES }),
    /** Times the job was claimed by a worker. */
    attempts: integer("attempts").notNull().default(0),
    /** Retries after retryable errors (at most 3). */
    retryCount: integer("retry_count").notNull().default(0),
    runAt: timestampTz("run_at").notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestampTz("locked_until"),
    heartbeatAt: timestampTz("heartbeat_at"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestampTz("started_at"),
    completedAt: timestampTz("completed_at"),
    // Measurements for the ETA: how far the running download or parse is, and what finished ones took.
    downloadStartedAt: timestampTz("download_started_at"),
    downloadBytesReceived: bigint("download_bytes_received", { mode: "number" }),
    /** The Content-Length the server announced; null when it did not say. */
    downloadBytesExpected: bigint("download_bytes_expected", { mode: "number" }),
    downloadMs: integer("download_ms"),
    /** When the parser opened the PDF (its page count known), so pages/s leaves out the opening; before that, when the parse began. */
    parseStartedAt: timestampTz("parse_started_at"),
    /** Pages the parser has read of the PDF's pdf_files.page_count. */
    pagesRead: integer("pages_read"),
    /** How long this job's parse took; null when it used the cache. */
    parseMs: integer("parse_ms"),
  },
  (table) => [
    check("batch_jobs_status_check", oneOf("status", JOB_STATUSES)),
    check("batch_jobs_stage_check", oneOf("stage", JOB_STAGES)),
    check("batch_jobs_source_type_check", oneOf("source_type", JOB_SOURCES)),
    check(
      "batch_jobs_last_completed_stage_check",
      sql`${table.lastCompletedStage} IS NULL OR ${oneOf("last_completed_stage", JOB_STAGES)}`,
    ),
    check(
      "batch_jobs_error_code_check",
      sql`${table.errorCode} IS NULL OR ${oneOf("error_code", JOB_ERROR_CODES)}`,
    ),
    check(
      "batch_jobs_source_check",
      sql`(${table.sourceType} = 'url' AND ${table.sourceUrl} IS NOT NULL) OR (${table.sourceType} = 'upload' AND ${table.sha256} IS NOT NULL)`,
    ),
    check(
      "batch_jobs_course_override_check",
      sql`${table.courseOverride} IS NULL OR ${oneOf("course_override", COURSES)}`,
    ),
    check("batch_jobs_sha256_check", sql`${table.sha256} IS NULL OR ${table.sha256} ~ '^[0-9a-f]{64}$'`),
    check(
      "batch_jobs_retry_count_check",
      sql`${table.retryCount} >= 0 AND ${table.retryCount} <= ${sql.raw(String(MAX_RETRIES))}`,
    ),
    index("batch_jobs_batch_id_idx").on(table.batchId, table.position),
    // The claim query's index: only jobs a worker may take.
    index("batch_jobs_claimable_idx").on(table.runAt).where(sql`${table.status} IN ${OPEN_STATUSES_SQL}`),
    index("batch_jobs_sha256_idx").on(table.sha256),
    index("batch_jobs_status_idx").on(table.status),
    index("batch_jobs_locked_by_idx").on(table.lockedBy),
  ],
);

export type JobRow = typeof batchJobs.$inferSelect;
export type NewJobRow = typeof batchJobs.$inferInsert;
