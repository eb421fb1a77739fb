/** A batch's progress: counts, percentage, and an ETA from the stage times this service has observed. */
import type { BatchProgress } from "@splitstream/shared";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { NotFoundError } from "../http/api-error.ts";
import { countsOf, toBatchView } from "./batch-views.ts";

export async function getBatchProgress({
  database,
  batchId,
}: {
  database: Database;
  batchId: string;
}): Promise<BatchProgress> {
  const [batch] = await database.db.select().from(processingBatches).where(eq(processingBatches.id, batchId));
  if (!batch) throw new NotFoundError("That batch");
  const [states] = await database.rows<{ pending: number; running: number }>(sql`
    select (count(*) filter (where status = 'pending'))::int as pending,
           (count(*) filter (where status in ('downloading', 'processing')))::int as running
    from ${batchJobs} where batch_id = ${batchId}`);
  // Mean run time of recently finished jobs (all batches): what the next one will likely take.
  const [recent] = await database.rows<{ mean_seconds: number | null }>(sql`
    select avg(extract(epoch from completed_at - started_at))::float8 as mean_seconds
    from (select completed_at, started_at from ${batchJobs}
          where status = 'completed' and started_at is not null and completed_at is not null
          order by completed_at desc limit 200) recent`);
  const counts = countsOf(batch);
  const finished = counts.completed + counts.failed + counts.cancelled;
  const remaining = counts.total - finished;
  const meanSeconds = recent?.mean_seconds ?? null;
  return {
    batchId,
    status: toBatchView(batch, null).status,
    counts: { ...counts, pending: states?.pending ?? 0, running: states?.running ?? 0 },
    percentage: counts.total === 0 ? 100 : Math.round((finished / counts.total) * 1000) / 10,
    etaSeconds:
      remaining === 0 ? 0 : meanSeconds === null ? null : Math.round(meanSeconds * remaining * 10) / 10,
  };
}
