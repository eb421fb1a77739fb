/** Short, unguessable codes that open a batch's (or one job's) results without an account. */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, uuid, varchar } from "drizzle-orm/pg-core";
import { batchJobs } from "./batch-jobs.ts";
import { createdAt, timestampTz } from "./columns.ts";
import { processingBatches } from "./processing-batches.ts";

export const resultLinks = pgTable(
  "result_links",
  {
    code: varchar("code", { length: 12 }).primaryKey(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => processingBatches.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").references(() => batchJobs.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestampTz("expires_at"),
    revokedAt: timestampTz("revoked_at"),
    viewCount: integer("view_count").notNull().default(0),
    lastViewedAt: timestampTz("last_viewed_at"),
  },
  (table) => [
    check("result_links_code_check", sql`${table.code} ~ '^[A-Za-z0-9_-]{12}$'`),
    index("result_links_batch_id_idx").on(table.batchId),
  ],
);

export type ResultLinkRow = typeof resultLinks.$inferSelect;
