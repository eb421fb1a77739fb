/** The stored extraction of every job of a batch that was read: what re-selection and "did you mean" work from. */
import type { ExtractionOutput } from "@splitstream/shared";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { batchJobs, extractionResults } from "../db/schema/index.ts";

export async function readBatchExtractions(
  db: DbOrTx,
  batchId: string,
): Promise<Array<{ jobId: string; output: ExtractionOutput }>> {
  const rows = await db
    .select({ jobId: batchJobs.id, output: extractionResults.output })
    .from(batchJobs)
    .innerJoin(
      extractionResults,
      and(
        eq(extractionResults.sha256, batchJobs.sha256),
        eq(extractionResults.extractorVersion, batchJobs.extractorVersion),
      ),
    )
    .where(
      and(
        eq(batchJobs.batchId, batchId),
        eq(batchJobs.status, "completed"),
        isNotNull(extractionResults.output),
      ),
    );
  return rows.flatMap(({ jobId, output }) => (output ? [{ jobId, output }] : []));
}
