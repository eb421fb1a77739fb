/** The person says which pool a meet was swum in: stored on the job, the bests follow on the next read. */
import type { BatchResults, Course } from "@splitstream/shared";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs } from "../db/schema/index.ts";
import { NotFoundError } from "../http/api-error.ts";
import { getBatchResults } from "./get-results.ts";

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
  const updated = await database.db
    .update(batchJobs)
    .set({ courseOverride: course })
    .where(and(eq(batchJobs.id, jobId), eq(batchJobs.batchId, batchId)))
    .returning({ id: batchJobs.id });
  if (updated.length === 0) throw new NotFoundError("That file of the batch");
  return getBatchResults({ database, batchId });
}
