/**
 * The person corrects the name ("did you mean") or picks one of the namesakes it fits: the batch keeps
 * the new name and choice, and every job read so far selects again from its stored extraction.
 */
import type { BatchResults, ChooseSwimmer } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { readBatchExtractions } from "../results/batch-extractions.ts";
import { storedSelection } from "../results/stored-selection.ts";
import { getBatchResults } from "./get-results.ts";
import { lockBatch } from "./lock-batch.ts";

export async function chooseSwimmer({
  database,
  batchId,
  input,
}: {
  database: Database;
  batchId: string;
  input: ChooseSwimmer;
}): Promise<BatchResults> {
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
  return getBatchResults({ database, batchId });
}
