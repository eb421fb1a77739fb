/** Reads one batch with its jobs (and its open result link) as the API shows it. */
import type { BatchWithJobs } from "@splitstream/shared";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { batchJobs, processingBatches, resultLinks } from "../db/schema/index.ts";
import { toBatchView, toJobView } from "./batch-views.ts";

/** The batch and its jobs in position order; null when there is no such batch. */
export async function readBatchWithJobs(db: DbOrTx, batchId: string): Promise<BatchWithJobs | null> {
  const [batch] = await db.select().from(processingBatches).where(eq(processingBatches.id, batchId));
  if (!batch) return null;
  const jobs = await db
    .select()
    .from(batchJobs)
    .where(eq(batchJobs.batchId, batchId))
    .orderBy(asc(batchJobs.position));
  const code = await resultCodeOf(db, batchId);
  return { ...toBatchView(batch, code), jobs: jobs.map(toJobView) };
}

async function resultCodeOf(db: DbOrTx, batchId: string): Promise<string | null> {
  const [link] = await db
    .select({ code: resultLinks.code })
    .from(resultLinks)
    .where(and(eq(resultLinks.batchId, batchId), isNull(resultLinks.jobId), isNull(resultLinks.revokedAt)))
    .limit(1);
  return link?.code ?? null;
}
