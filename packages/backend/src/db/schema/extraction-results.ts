/** The whole meet parsed from one PDF by one extractor version: the checksum cache. */

import type { ExtractionOutput } from "@splitstream/shared";
import { JOB_ERROR_CODES } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import { char, check, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, oneOf, timestampTz } from "./columns.ts";
import { pdfFiles } from "./pdf-files.ts";

export const extractionResults = pgTable(
  "extraction_results",
  {
    sha256: char("sha256", { length: 64 })
      .notNull()
      .references(() => pdfFiles.sha256, { onDelete: "cascade" }),
    extractorVersion: text("extractor_version").notNull(),
    /** The parsed meet, or null when the document failed for a reason that parsing again cannot change. */
    output: jsonb("output").$type<ExtractionOutput>(),
    errorCode: text("error_code", { enum: JOB_ERROR_CODES }),
    errorMessage: text("error_message"),
    software: text("software"),
    swimCount: integer("swim_count").notNull().default(0),
    pageCount: integer("page_count"),
    durationMs: integer("duration_ms").notNull(),
    hitCount: integer("hit_count").notNull().default(0),
    lastHitAt: timestampTz("last_hit_at"),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.sha256, table.extractorVersion] }),
    check("extraction_results_outcome_check", sql`(${table.output} IS NULL) <> (${table.errorCode} IS NULL)`),
    check(
      "extraction_results_error_code_check",
      sql`${table.errorCode} IS NULL OR ${oneOf("error_code", JOB_ERROR_CODES)}`,
    ),
    index("extraction_results_created_at_idx").on(table.createdAt),
  ],
);

export type ExtractionResultRow = typeof extractionResults.$inferSelect;
