/**
 * Who is parsing which PDF right now: a row per (sha256, extractor version) while a worker parses it, so
 * two batches racing on one new PDF parse it once. A lease, not a lock: an expired claim can be taken over.
 */
import { char, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
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
    claimedUntil: timestampTz("claimed_until").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.sha256, table.extractorVersion] })],
);
