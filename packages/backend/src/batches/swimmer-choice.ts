/**
 * Keeps the name the person corrected ("did you mean") or the namesake they picked, and selects every job
 * read so far again from its stored extraction: one transition under the batch's lock (chooseSwimmer).
 */
import type { ChooseSwimmer } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { batchJobs } from "../db/schema/index.ts";
import { readBatchExtractions } from "../results/batch-extractions.ts";
import { storedSelection } from "../results/stored-selection.ts";
import { BatchNotFoundError } from "./batch-errors.ts";
import { chooseSwimmer } from "./job-transitions.ts";
import { lockBatchJobs, runTransition, type TransitionContext } from "./write-transition.ts";

/** BatchNotFoundError when there is no such batch. */
export async function saveSwimmerChoice(
  context: TransitionContext,
  batchId: string,
  input: ChooseSwimmer,
): Promise<void> {
  await runTransition(
    context,
    async (tx) => {
      // A job that completes meanwhile waits for this lock, then selects for the new name itself.
      const state = await lockBatchJobs(tx, batchId, eq(batchJobs.status, "completed"));
      if (!state) throw new BatchNotFoundError(batchId);
      return { ...state, extractions: await readBatchExtractions(tx, batchId) };
    },
    (state) =>
      chooseSwimmer(state, {
        swimmer: { swimmerName: input.swimmerName, swimmerChoice: input.choice },
        readJobs: state.extractions.map(({ jobId, output }) => ({
          jobId,
          select: (swimmer) => storedSelection(output, swimmer.swimmerName, swimmer.swimmerChoice),
        })),
      }),
  );
}
