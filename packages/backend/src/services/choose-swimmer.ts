/**
 * The person corrects the name ("did you mean") or picks one of the namesakes it fits: the batch keeps
 * the new name and choice, and every job read so far selects again from its stored extraction.
 */
import type { BatchResults, ChooseSwimmer } from "@splitstream/shared";
import { saveSwimmerChoice } from "../batches/swimmer-choice.ts";
import type { Database } from "../db/database.ts";
import { asServiceError } from "./batch-command-errors.ts";
import { getBatchResults } from "./get-results.ts";

export async function chooseSwimmer({
  database,
  batchId,
  input,
}: {
  database: Database;
  batchId: string;
  input: ChooseSwimmer;
}): Promise<BatchResults> {
  await saveSwimmerChoice(database, batchId, input).catch(asServiceError);
  return getBatchResults({ database, batchId });
}
