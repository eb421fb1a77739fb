/** The person says which pool a meet was swum in: stored on the job, the bests follow on the next read. */
import type { BatchResults, Course } from "@splitstream/shared";
import { setJobCourse } from "../batches/meet-course.ts";
import { getBatchResults } from "./get-results.ts";
import type { ServiceContext } from "./service-context.ts";
import { NotFoundError } from "./service-error.ts";

export async function setMeetCourse({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database">;
  input: { batchId: string; jobId: string; course: Course | null };
}): Promise<BatchResults> {
  if (!(await setJobCourse(ctx.database, input))) throw new NotFoundError("That file of the batch");
  return getBatchResults({ ctx, input: { batchId: input.batchId } });
}
