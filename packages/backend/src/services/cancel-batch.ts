/** Cancels a batch: pending jobs at once; running jobs through their AbortSignal, wherever they run. */
import { type BatchWithJobs, CANCEL_CHANNEL } from "@splitstream/shared";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs } from "../db/schema/index.ts";
import { ApiError } from "../http/api-error.ts";
import { cancelJobsInTx } from "../pipeline/job-transitions.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import { lockBatch } from "./lock-batch.ts";

export async function cancelBatch({
  database,
  batchId,
}: {
  database: Database;
  batchId: string;
}): Promise<BatchWithJobs> {
  return database.db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    const open = await tx
      .select()
      .from(batchJobs)
      .where(
        and(
          eq(batchJobs.batchId, batchId),
          inArray(batchJobs.status, ["pending", "downloading", "processing"]),
        ),
      )
      .for("update");
    if (open.length === 0)
      throw new ApiError(
        "CONFLICT",
        `The batch has already finished (${batch.status}); there is nothing to cancel.`,
      );
    // A job nobody holds right now is cancelled here; a held one is told to stop, and settles itself.
    const idle = open.filter((job) => !job.lockedUntil || job.lockedUntil < new Date());
    const held = open.filter((job) => !idle.includes(job));
    await cancelJobsInTx(tx, batch, idle);
    if (held.length > 0) {
      await tx
        .update(batchJobs)
        .set({ cancelRequested: true })
        .where(
          inArray(
            batchJobs.id,
            held.map((job) => job.id),
          ),
        );
      for (const job of held) await tx.execute(sql`select pg_notify(${CANCEL_CHANNEL}, ${job.id})`);
    }
    return getBatchWithJobs({ db: tx, batchId });
  });
}
