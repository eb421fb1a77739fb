/** Reads one batch with its jobs (and its result link) as the API shows it. */
import type { BatchWithJobs } from "@splitstream/shared";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { batchJobs, processingBatches, resultLinks } from "../db/schema/index.ts";
import { toBatchView, toJobView } from "./batch-views.ts";
import { NotFoundError } from "./service-error.ts";

export async function getBatchWithJobs({
  db,
  batchId,
}: {
  db: DbOrTx;
  batchId: string;
}): Promise<BatchWithJobs> {
  const [batch] = await db.select().from(processingBatches).where(eq(processingBatches.id, batchId));
  if (!batch) throw new NotFoundError("That batch");
  const jobs = await db
    .select()
    .from(batchJobs)
    .where(eq(batchJobs.batchId, batchId))
    .orderBy(asc(batchJobs.position));
  const code = await resultCodeOf(db, batchId);
  return { ...toBatchView(batch, code), jobs: jobs.map(toJobView) };
}

export async function resultCodeOf(db: DbOrTx, batchId: string): Promise<string | null> {
  const [link] = await db
    .select({ code: resultLinks.code })
    .from(resultLinks)
    .where(and(eq(resultLinks.batchId, batchId), isNull(resultLinks.jobId), isNull(resultLinks.revokedAt)))
    .limit(1);
  return link?.code ?? null;
}
