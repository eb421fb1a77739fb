/** Every job failure (and other server errors) with its context, for the admin error log. */
import { API_ERROR_CODES } from "@splitstream/shared";
import { bigint, boolean, check, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { batchJobs } from "./batch-jobs.ts";
import { createdAt, oneOf } from "./columns.ts";
import { processingBatches } from "./processing-batches.ts";

export const errorLogs = pgTable(
  "error_logs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    batchId: uuid("batch_id").references(() => processingBatches.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").references(() => batchJobs.id, { onDelete: "cascade" }),
    workerId: text("worker_id"),
    errorCode: text("error_code", { enum: API_ERROR_CODES }).notNull(),
    message: text("message").notNull(),
    /** Stage, attempt, URL, HTTP status, stack: whatever helps someone act on it. */
    context: jsonb("context").$type<Record<string, unknown>>(),
    retryable: boolean("retryable").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    check("error_logs_error_code_check", oneOf("error_code", API_ERROR_CODES)),
    index("error_logs_created_at_idx").on(table.createdAt),
    index("error_logs_error_code_idx").on(table.errorCode),
    index("error_logs_batch_id_idx").on(table.batchId),
  ],
);

export type ErrorLogRow = typeof errorLogs.$inferSelect;
export type NewErrorLogRow = typeof errorLogs.$inferInsert;
