/**
 * Who is parsing which PDF right now: a row per (sha256, extractor version) while a worker parses it, so
 * two batches racing on one new PDF parse it once. A lease, not a lock: the claim lasts as long as its
 * job's lease (kept alive by the heartbeat), and no longer than `claimed_until` (a parse that hangs).
 */
import { char, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { batchJobs } from "./batch-jobs.ts";
import { createdAt, timestampTz } from "./columns.ts";
import { pdfFiles } from "./pdf-files.ts";

export const extractionClaims = pgTable(
  "extraction_claims",
  {
    sha256: char("sha256", { length: 64 })
      .notNull()
      .references(() => pdfFiles.sha256, { onDelete: "cascade" }),
    extractorVersion: text("extractor_version").notNull(),
    claimedBy: text("claimed_by").notNull(),
    /** The job whose lease the claim follows: once its worker no longer holds it, the claim is free. */
    jobId: uuid("job_id").references(() => batchJobs.id, { onDelete: "cascade" }),
    claimedUntil: timestampTz("claimed_until").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.sha256, table.extractorVersion] })],
);
