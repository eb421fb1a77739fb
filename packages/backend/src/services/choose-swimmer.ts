/**
 * The person corrects the name ("did you mean") or picks one of the namesakes it fits: the batch keeps
 * the new name and choice, and every job read so far selects again from its stored extraction.
 */
import type { BatchResults, ChooseSwimmer } from "@splitstream/shared";
import { saveSwimmerChoice } from "../batches/swimmer-choice.ts";
import { asServiceError } from "./batch-command-errors.ts";
import { getBatchResults } from "./get-results.ts";
import type { ServiceContext } from "./service-context.ts";

export async function chooseSwimmer({
  ctx,
  input: { batchId, choice },
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { batchId: string; choice: ChooseSwimmer };
}): Promise<BatchResults> {
  await saveSwimmerChoice(ctx, batchId, choice).catch(asServiceError);
  return getBatchResults({ ctx, input: { batchId } });
}
