/** A batch: one swimmer name and the files and URLs submitted with it. */
import { BATCH_STATUSES, type swimmerChoiceSchema } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { createdAt, oneOf, timestampTz, updatedAt } from "./columns.ts";

export const processingBatches = pgTable(
  "processing_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    swimmerName: text("swimmer_name").notNull(),
    /** The namesake the person chose ({ team, birthYear }) when the name fits more than one swimmer. */
    swimmerChoice: jsonb("swimmer_choice").$type<z.infer<typeof swimmerChoiceSchema>>(),
    notificationEmail: text("notification_email"),
    status: text("status", { enum: BATCH_STATUSES }).notNull().default("pending"),
    totalJobs: integer("total_jobs").notNull().default(0),
    completedJobs: integer("completed_jobs").notNull().default(0),
    failedJobs: integer("failed_jobs").notNull().default(0),
    cancelledJobs: integer("cancelled_jobs").notNull().default(0),
    cachedJobs: integer("cached_jobs").notNull().default(0),
    /** The batch's event sequence: incremented under this row's lock in each state-change transaction. */
    lastSeq: bigint("last_event_id", { mode: "number" }).notNull().default(0),
    clientIp: text("client_ip"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestampTz("started_at"),
    completedAt: timestampTz("completed_at"),
    expiresAt: timestampTz("expires_at").notNull().default(sql`now() + interval '30 days'`),
    notificationSentAt: timestampTz("notification_sent_at"),
  },
  (table) => [
    check("processing_batches_status_check", oneOf("status", BATCH_STATUSES)),
    check(
      "processing_batches_counts_check",
      sql`${table.completedJobs} + ${table.failedJobs} + ${table.cancelledJobs} <= ${table.totalJobs}`,
    ),
    index("processing_batches_status_idx").on(table.status),
    index("processing_batches_created_at_idx").on(table.createdAt),
    index("processing_batches_expires_at_idx").on(table.expiresAt),
    index("processing_batches_swimmer_name_idx").on(sql`lower(${table.swimmerName})`),
  ],
);

export type BatchRow = typeof processingBatches.$inferSelect;
export type NewBatchRow = typeof processingBatches.$inferInsert;
