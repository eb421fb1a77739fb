ALTER TABLE "batch_jobs" ADD COLUMN "download_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "download_bytes_received" bigint;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "download_bytes_expected" bigint;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "download_ms" integer;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "parse_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "pages_read" integer;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD COLUMN "parse_ms" integer;