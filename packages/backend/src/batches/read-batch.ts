/** Reads one batch with its jobs (and its open result link) as the API shows it. */
import type { BatchWithJobs } from "@splitstream/shared";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { toBatchView, toJobView } from "./batch-views.ts";
import { resultCodeOf } from "./result-links.ts";

/** The batch and its jobs in position order; null when there is no such batch. */
export async function readBatchWithJobs(db: DbOrTx, batchId: string): Promise<BatchWithJobs | null> {
  const [row] = await db
    .select({ batch: processingBatches, resultCode: resultCodeOf() })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId));
  if (!row) return null;
  const jobs = await db
    .select()
    .from(batchJobs)
    .where(eq(batchJobs.batchId, batchId))
    .orderBy(asc(batchJobs.position));
  return { ...toBatchView(row.batch, row.resultCode), jobs: jobs.map(toJobView) };
}
