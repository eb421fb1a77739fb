/** A running job's measured work (bytes downloaded, pages read) on its row, for the ETA. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, type JobRow } from "../db/schema/index.ts";
import type { JobOwner } from "./write-transition.ts";

export type LiveWork = Partial<
  Pick<JobRow, "downloadBytesReceived" | "downloadBytesExpected" | "pagesRead" | "parseStartedAt">
>;

/** Writes the figures only while this worker holds the job: after a lost lease the row is someone else's. */
export async function recordJobWork(database: Database, owner: JobOwner, work: LiveWork): Promise<void> {
  await database.db
    .update(batchJobs)
    .set(work)
    .where(and(eq(batchJobs.id, owner.jobId), eq(batchJobs.lockedBy, owner.workerId)));
}
