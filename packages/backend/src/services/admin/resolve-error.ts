/**
 * Marks a job failure resolved: every attempt of it, found from any one of its error-log ids.
 * Idempotent: the first resolution stands and later calls return it.
 */
import type { AdminErrorEntry } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { errorLogs, errorResolutions } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { NotFoundError } from "../service-error.ts";
import { failureRowIds, getFailure } from "./list-errors.ts";

export async function resolveError({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { errorId: number; resolvedBy: string; note?: string | undefined };
}): Promise<AdminErrorEntry> {
  const { db } = ctx.database;
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(errorLogs).where(eq(errorLogs.id, input.errorId));
    if (!entry) throw new NotFoundError("That error-log entry");
    const ids = await failureRowIds(tx, entry.id, entry.jobId);
    // The log shows the newest attempt's resolution: when it has one already, it stands for them all.
    const headId = Math.max(...ids);
    const [standing] = await tx
      .select()
      .from(errorResolutions)
      .where(eq(errorResolutions.errorLogId, headId));
    const resolution = standing ?? { resolvedBy: input.resolvedBy, note: input.note || null };
    await tx
      .insert(errorResolutions)
      .values(ids.map((id) => ({ errorLogId: id, resolvedBy: resolution.resolvedBy, note: resolution.note })))
      .onConflictDoNothing({ target: errorResolutions.errorLogId });
    const failure = await getFailure(tx, entry.id);
    if (!failure) throw new NotFoundError("That error-log entry");
    return failure;
  });
}
