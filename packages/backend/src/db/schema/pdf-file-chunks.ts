/** A PDF's bytes in fixed-size chunks, so storing and reading never needs the whole file in one buffer. */
import { sql } from "drizzle-orm";
import { char, check, customType, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { pdfFiles } from "./pdf-files.ts";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const pdfFileChunks = pgTable(
  "pdf_file_chunks",
  {
    sha256: char("sha256", { length: 64 })
      .notNull()
      .references(() => pdfFiles.sha256, { onDelete: "cascade" }),
    chunkIndex: integer("chunk_index").notNull(),
    data: bytea("data").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sha256, table.chunkIndex] }),
    check("pdf_file_chunks_index_check", sql`${table.chunkIndex} >= 0`),
  ],
);
