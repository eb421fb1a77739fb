/** Worker processes of every instance, with their heartbeats, so admins see who is alive and what it runs. */
import { WORKER_STATUSES } from "@splitstream/shared";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { batchJobs } from "./batch-jobs.ts";
import { oneOf, timestampTz } from "./columns.ts";

export const workers = pgTable(
  "workers",
  {
    id: text("id").primaryKey(),
    hostname: text("hostname").notNull(),
    pid: integer("pid").notNull(),
    status: text("status", { enum: WORKER_STATUSES }).notNull().default("active"),
    concurrency: integer("concurrency").notNull(),
    currentJobId: uuid("current_job_id").references(() => batchJobs.id, { onDelete: "set null" }),
    jobsCompleted: integer("jobs_completed").notNull().default(0),
    jobsFailed: integer("jobs_failed").notNull().default(0),
    startedAt: timestampTz("started_at").notNull().defaultNow(),
    heartbeatAt: timestampTz("heartbeat_at").notNull().defaultNow(),
    stoppedAt: timestampTz("stopped_at"),
  },
  (table) => [
    check("workers_status_check", oneOf("status", WORKER_STATUSES)),
    index("workers_heartbeat_at_idx").on(table.heartbeatAt),
  ],
);

export type WorkerRow = typeof workers.$inferSelect;
