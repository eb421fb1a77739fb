/** What workers did that an admin may want to read later (start, stop, lease lost, …). */
import { bigint, check, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, oneOf } from "./columns.ts";
import { workers } from "./workers.ts";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

export const workerLogs = pgTable(
  "worker_logs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workerId: text("worker_id")
      .notNull()
      .references(() => workers.id, { onDelete: "cascade" }),
    level: text("level", { enum: LOG_LEVELS }).notNull(),
    message: text("message").notNull(),
    context: jsonb("context"),
    createdAt: createdAt(),
  },
  (table) => [
    check("worker_logs_level_check", oneOf("level", LOG_LEVELS)),
    index("worker_logs_worker_id_idx").on(table.workerId, table.createdAt),
  ],
);
