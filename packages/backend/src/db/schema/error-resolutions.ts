/** An admin's mark that an error-log entry has been dealt with. */
import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { errorLogs } from "./error-logs.ts";

export const errorResolutions = pgTable("error_resolutions", {
  errorLogId: bigint("error_log_id", { mode: "number" })
    .primaryKey()
    .references(() => errorLogs.id, { onDelete: "cascade" }),
  resolvedBy: text("resolved_by").notNull(),
  note: text("note"),
  resolvedAt: createdAt(),
});
