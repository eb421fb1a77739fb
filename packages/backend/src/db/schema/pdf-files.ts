/** Content-addressed PDFs (by SHA-256), so any instance's worker can read any upload; bytes live in pdf_file_chunks. */
import { sql } from "drizzle-orm";
import { bigint, char, check, integer, pgTable } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";

export const pdfFiles = pgTable(
  "pdf_files",
  {
    sha256: char("sha256", { length: 64 }).primaryKey(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    chunkCount: integer("chunk_count").notNull(),
    pageCount: integer("page_count"),
    createdAt: createdAt(),
  },
  (table) => [
    check("pdf_files_sha256_check", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
    check("pdf_files_size_check", sql`${table.sizeBytes} >= 0 AND ${table.chunkCount} >= 0`),
  ],
);

export type PdfFileRow = typeof pdfFiles.$inferSelect;
