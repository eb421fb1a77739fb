ALTER TABLE "batch_jobs" ADD COLUMN "course_override" text;--> statement-breakpoint
ALTER TABLE "processing_batches" ADD COLUMN "swimmer_choice" jsonb;--> statement-breakpoint
ALTER TABLE "batch_jobs" ADD CONSTRAINT "batch_jobs_course_override_check" CHECK ("batch_jobs"."course_override" IS NULL OR "course_override" IN ('SCY', 'SCM', 'LCM'));