/** Marks an error-log entry resolved; idempotent: the first resolution stands and later calls return it. */
import type { AdminErrorEntry } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/database.ts";
import { errorLogs, errorResolutions } from "../../db/schema/index.ts";
import { NotFoundError } from "../../http/api-error.ts";
import { toErrorEntry } from "./list-errors.ts";

export async function resolveError({
  db,
  input,
}: {
  db: Db;
  input: { errorId: number; resolvedBy: string; note?: string | undefined };
}): Promise<AdminErrorEntry> {
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(errorLogs).where(eq(errorLogs.id, input.errorId));
    if (!entry) throw new NotFoundError("That error-log entry");
    await tx
      .insert(errorResolutions)
      .values({ errorLogId: entry.id, resolvedBy: input.resolvedBy, note: input.note || null })
      .onConflictDoNothing({ target: errorResolutions.errorLogId });
    const [resolution] = await tx
      .select()
      .from(errorResolutions)
      .where(eq(errorResolutions.errorLogId, entry.id));
    return toErrorEntry(entry, resolution ?? null);
  });
}
