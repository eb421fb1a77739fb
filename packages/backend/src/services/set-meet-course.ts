/** The person says which pool a meet was swum in: stored on the job, the bests follow on the next read. */
import type { BatchResults, Course } from "@splitstream/shared";
import { setJobCourse } from "../batches/meet-course.ts";
import type { Database } from "../db/database.ts";
import { getBatchResults } from "./get-results.ts";
import { NotFoundError } from "./service-error.ts";

export async function setMeetCourse({
  database,
  batchId,
  jobId,
  course,
}: {
  database: Database;
  batchId: string;
  jobId: string;
  course: Course | null;
}): Promise<BatchResults> {
  if (!(await setJobCourse(database, { batchId, jobId, course }))) {
    throw new NotFoundError("That file of the batch");
  }
  return getBatchResults({ database, batchId });
}
