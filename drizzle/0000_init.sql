CREATE TABLE "batch_events" (
	"batch_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "batch_events_batch_id_seq_pk" PRIMARY KEY("batch_id","seq"),
	CONSTRAINT "batch_events_type_check" CHECK ("type" IN ('batch.snapshot', 'job.stage', 'job.progress', 'job.retrying', 'job.completed', 'job.failed', 'job.cancelled', 'batch.completed', 'batch.reset'))
);
--> statement-breakpoint
CREATE TABLE "batch_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source_type" text NOT NULL,
	"source_url" text,
	"file_name" text,
	"sha256" char(64),
	"file_size" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"stage" text DEFAULT 'queued' NOT NULL,
	"last_completed_stage" text,
	"cached" boolean DEFAULT false NOT NULL,
	"progress_message" text,
	"error_code" text,
	"error_message" text,
	"extractor_version" text,
	"swimmer_result" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retry_count" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "batch_jobs_status_check" CHECK ("status" IN ('pending', 'downloading', 'processing', 'completed', 'failed', 'cancelled')),
	CONSTRAINT "batch_jobs_stage_check" CHECK ("stage" IN ('queued', 'downloading', 'uploading_to_ai', 'extracting', 'caching', 'done')),
	CONSTRAINT "batch_jobs_source_type_check" CHECK ("source_type" IN ('upload', 'url')),
	CONSTRAINT "batch_jobs_last_completed_stage_check" CHECK ("batch_jobs"."last_completed_stage" IS NULL OR "last_completed_stage" IN ('queued', 'downloading', 'uploading_to_ai', 'extracting', 'caching', 'done')),
	CONSTRAINT "batch_jobs_error_code_check" CHECK ("batch_jobs"."error_code" IS NULL OR "error_code" IN ('NOT_PDF', 'TOO_LARGE', 'ENCRYPTED_PDF', 'CORRUPT_PDF', 'NOT_RESULTS', 'UNSUPPORTED_FORMAT', 'BLOCKED_URL', 'HTTP_ERROR', 'NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMIT', 'EXTRACTION_TIMEOUT', 'INTERNAL')),
	CONSTRAINT "batch_jobs_source_check" CHECK (("batch_jobs"."source_type" = 'url' AND "batch_jobs"."source_url" IS NOT NULL) OR ("batch_jobs"."source_type" = 'upload' AND "batch_jobs"."sha256" IS NOT NULL)),
	CONSTRAINT "batch_jobs_sha256_check" CHECK ("batch_jobs"."sha256" IS NULL OR "batch_jobs"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "batch_jobs_retry_count_check" CHECK ("batch_jobs"."retry_count" >= 0 AND "batch_jobs"."retry_count" <= 3)
);
--> statement-breakpoint
CREATE TABLE "error_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "error_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"batch_id" uuid,
	"job_id" uuid,
	"worker_id" text,
	"error_code" text NOT NULL,
	"message" text NOT NULL,
	"context" jsonb,
	"retryable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "error_logs_error_code_check" CHECK ("error_code" IN ('NOT_PDF', 'TOO_LARGE', 'ENCRYPTED_PDF', 'CORRUPT_PDF', 'NOT_RESULTS', 'UNSUPPORTED_FORMAT', 'BLOCKED_URL', 'HTTP_ERROR', 'NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMIT', 'EXTRACTION_TIMEOUT', 'INTERNAL', 'BAD_REQUEST', 'VALIDATION_FAILED', 'MALFORMED_JSON', 'MALFORMED_MULTIPART', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED', 'NOT_FOUND', 'CONFLICT', 'GONE', 'SERVICE_UNAVAILABLE'))
);
--> statement-breakpoint
CREATE TABLE "error_resolutions" (
	"error_log_id" bigint PRIMARY KEY NOT NULL,
	"resolved_by" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extraction_claims" (
	"sha256" char(64) NOT NULL,
	"extractor_version" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extraction_claims_sha256_extractor_version_pk" PRIMARY KEY("sha256","extractor_version")
);
--> statement-breakpoint
CREATE TABLE "extraction_results" (
	"sha256" char(64) NOT NULL,
	"extractor_version" text NOT NULL,
	"output" jsonb,
	"error_code" text,
	"error_message" text,
	"software" text,
	"swim_count" integer DEFAULT 0 NOT NULL,
	"page_count" integer,
	"duration_ms" integer NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"last_hit_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extraction_results_sha256_extractor_version_pk" PRIMARY KEY("sha256","extractor_version"),
	CONSTRAINT "extraction_results_outcome_check" CHECK (("extraction_results"."output" IS NULL) <> ("extraction_results"."error_code" IS NULL)),
	CONSTRAINT "extraction_results_error_code_check" CHECK ("extraction_results"."error_code" IS NULL OR "error_code" IN ('NOT_PDF', 'TOO_LARGE', 'ENCRYPTED_PDF', 'CORRUPT_PDF', 'NOT_RESULTS', 'UNSUPPORTED_FORMAT', 'BLOCKED_URL', 'HTTP_ERROR', 'NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMIT', 'EXTRACTION_TIMEOUT', 'INTERNAL'))
);
--> statement-breakpoint
CREATE TABLE "pdf_file_chunks" (
	"sha256" char(64) NOT NULL,
	"chunk_index" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "pdf_file_chunks_sha256_chunk_index_pk" PRIMARY KEY("sha256","chunk_index"),
	CONSTRAINT "pdf_file_chunks_index_check" CHECK ("pdf_file_chunks"."chunk_index" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pdf_files" (
	"sha256" char(64) PRIMARY KEY NOT NULL,
	"size_bytes" bigint NOT NULL,
	"chunk_count" integer NOT NULL,
	"page_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdf_files_sha256_check" CHECK ("pdf_files"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "pdf_files_size_check" CHECK ("pdf_files"."size_bytes" >= 0 AND "pdf_files"."chunk_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "processing_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"swimmer_name" text NOT NULL,
	"notification_email" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"total_jobs" integer DEFAULT 0 NOT NULL,
	"completed_jobs" integer DEFAULT 0 NOT NULL,
	"failed_jobs" integer DEFAULT 0 NOT NULL,
	"cancelled_jobs" integer DEFAULT 0 NOT NULL,
	"cached_jobs" integer DEFAULT 0 NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"client_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone DEFAULT now() + interval '30 days' NOT NULL,
	"notification_sent_at" timestamp with time zone,
	CONSTRAINT "processing_batches_status_check" CHECK ("status" IN ('pending', 'processing', 'completed', 'partial', 'failed', 'cancelled')),
	CONSTRAINT "processing_batches_counts_check" CHECK ("processing_batches"."completed_jobs" + "processing_batches"."failed_jobs" + "processing_batches"."cancelled_jobs" <= "processing_batches"."total_jobs")
);
--> statement-breakpoint
CREATE TABLE "result_links" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	CONSTRAINT "result_links_code_check" CHECK ("result_links"."code" ~ '^[A-Za-z0-9_-]{12}$')
);
--> statement-breakpoint
CREATE TABLE "worker_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "worker_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"worker_id" text NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"context" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_logs_level_check" CHECK ("level" IN ('debug', 'info', 'warn', 'error'))
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" text PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"concurrency" integer NOT NULL,
	"current_job_id" uuid,
	"jobs_completed" integer DEFAULT 0 NOT NULL,
	"jobs_failed" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone,
	CONSTRAINT "workers_status_check" CHECK ("status" IN ('active', 'draining', 'stopped', 'unresponsive'))
);
--> statement-breakpoint
ALTER TABLE "batch_events" ADD CONSTRAINT "batch_events_batch_id_processing_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."processing_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD CONSTRAINT "batch_jobs_batch_id_processing_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."processing_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD CONSTRAINT "batch_jobs_sha256_pdf_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."pdf_files"("sha256") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_logs" ADD CONSTRAINT "error_logs_batch_id_processing_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."processing_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_logs" ADD CONSTRAINT "error_logs_job_id_batch_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."batch_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_resolutions" ADD CONSTRAINT "error_resolutions_error_log_id_error_logs_id_fk" FOREIGN KEY ("error_log_id") REFERENCES "public"."error_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extraction_claims" ADD CONSTRAINT "extraction_claims_sha256_pdf_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."pdf_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extraction_results" ADD CONSTRAINT "extraction_results_sha256_pdf_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."pdf_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdf_file_chunks" ADD CONSTRAINT "pdf_file_chunks_sha256_pdf_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."pdf_files"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_links" ADD CONSTRAINT "result_links_batch_id_processing_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."processing_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_links" ADD CONSTRAINT "result_links_job_id_batch_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."batch_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_logs" ADD CONSTRAINT "worker_logs_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_current_job_id_batch_jobs_id_fk" FOREIGN KEY ("current_job_id") REFERENCES "public"."batch_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batch_events_created_at_idx" ON "batch_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "batch_jobs_batch_id_idx" ON "batch_jobs" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "batch_jobs_claimable_idx" ON "batch_jobs" USING btree ("run_at") WHERE "batch_jobs"."status" IN ('pending', 'downloading', 'processing');--> statement-breakpoint
CREATE INDEX "batch_jobs_sha256_idx" ON "batch_jobs" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "batch_jobs_status_idx" ON "batch_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "batch_jobs_locked_by_idx" ON "batch_jobs" USING btree ("locked_by");--> statement-breakpoint
CREATE INDEX "error_logs_created_at_idx" ON "error_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "error_logs_error_code_idx" ON "error_logs" USING btree ("error_code");--> statement-breakpoint
CREATE INDEX "error_logs_batch_id_idx" ON "error_logs" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "extraction_results_created_at_idx" ON "extraction_results" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "processing_batches_status_idx" ON "processing_batches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "processing_batches_created_at_idx" ON "processing_batches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "processing_batches_expires_at_idx" ON "processing_batches" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "processing_batches_swimmer_name_idx" ON "processing_batches" USING btree (lower("swimmer_name"));--> statement-breakpoint
CREATE INDEX "result_links_batch_id_idx" ON "result_links" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "worker_logs_worker_id_idx" ON "worker_logs" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "workers_heartbeat_at_idx" ON "workers" USING btree ("heartbeat_at");--> statement-breakpoint
CREATE VIEW "public"."batch_jobs_summary" AS (
  SELECT batch_id,
    count(*)::int AS total_jobs,
    (count(*) FILTER (WHERE status = 'pending'))::int AS pending_jobs,
    (count(*) FILTER (WHERE status IN ('downloading', 'processing')))::int AS running_jobs,
    (count(*) FILTER (WHERE status = 'completed'))::int AS completed_jobs,
    (count(*) FILTER (WHERE status = 'failed'))::int AS failed_jobs,
    (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled_jobs,
    (count(*) FILTER (WHERE cached))::int AS cached_jobs
  FROM batch_jobs
  GROUP BY batch_id);--> statement-breakpoint
CREATE VIEW "public"."batch_processing_status" AS (
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
  FROM processing_batches b);--> statement-breakpoint
CREATE VIEW "public"."worker_status_summary" AS (
  SELECT id AS worker_id, hostname, pid,
    CASE WHEN status = 'active' AND heartbeat_at < now() - make_interval(secs => 45)
      THEN 'unresponsive' ELSE status END AS status,
    concurrency, current_job_id, jobs_completed, jobs_failed, heartbeat_at,
    extract(epoch FROM now() - heartbeat_at)::float8 AS heartbeat_age_seconds,
    (status IN ('active', 'draining') AND heartbeat_at >= now() - make_interval(secs => 45)) AS responsive
  FROM workers);