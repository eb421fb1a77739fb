/** The pool a person says a meet was swum in, kept on the job; false when the batch has no such job. */
import type { Course } from "@splitstream/shared";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs } from "../db/schema/index.ts";

export async function setJobCourse(
  database: Database,
  { batchId, jobId, course }: { batchId: string; jobId: string; course: Course | null },
): Promise<boolean> {
  const updated = await database.db
    .update(batchJobs)
    .set({ courseOverride: course })
    .where(and(eq(batchJobs.id, jobId), eq(batchJobs.batchId, batchId)))
    .returning({ id: batchJobs.id });
  return updated.length > 0;
}
