/**
 * Keeps the name the person corrected ("did you mean") or the namesake they picked, and selects every job
 * read so far again from its stored extraction, in one transaction under the batch's lock.
 */
import type { ChooseSwimmer } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { readBatchExtractions } from "../results/batch-extractions.ts";
import { storedSelection } from "../results/stored-selection.ts";
import { lockBatch } from "./lock-batch.ts";

/** BatchNotFoundError when there is no such batch. */
export async function saveSwimmerChoice(
  database: Database,
  batchId: string,
  input: ChooseSwimmer,
): Promise<void> {
  await database.db.transaction(async (tx) => {
    await lockBatch(tx, batchId);
    await tx
      .update(processingBatches)
      .set({ swimmerName: input.swimmerName, swimmerChoice: input.choice })
      .where(eq(processingBatches.id, batchId));
    const read = await readBatchExtractions(tx, batchId);
    for (const { jobId, output } of read) {
      await tx
        .update(batchJobs)
        .set({ swimmerResult: storedSelection(output, input.swimmerName, input.choice) })
        .where(eq(batchJobs.id, jobId));
    }
  });
}
