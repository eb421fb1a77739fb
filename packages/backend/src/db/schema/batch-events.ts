/** The progress ledger: every event of a batch, numbered 1, 2, 3 … without gaps. The SSE stream replays it. */
import { BATCH_EVENT_TYPES } from "@splitstream/shared";
import { bigint, check, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, oneOf } from "./columns.ts";
import { processingBatches } from "./processing-batches.ts";

export const batchEvents = pgTable(
  "batch_events",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => processingBatches.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type", { enum: BATCH_EVENT_TYPES }).notNull(),
    /** The event without its type and seq, which have columns of their own (batches/ledger-rows.ts). */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.batchId, table.seq] }),
    check("batch_events_type_check", oneOf("type", BATCH_EVENT_TYPES)),
    index("batch_events_created_at_idx").on(table.createdAt),
  ],
);

export type BatchEventRow = typeof batchEvents.$inferSelect;
