/** The swimmer's swims across a batch, their personal bests per event and course, and the result link. */
import type { BatchResults, Course, ResultMeet, ResultSwim } from "@splitstream/shared";
import { asc, eq } from "drizzle-orm";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { closeNamesInBatch } from "../results/close-names-in-batch.ts";
import { personalBests } from "../results/personal-bests.ts";
import { type StoredSelection, upgradeStoredSelection } from "../results/stored-selection.ts";
import { getBatchWithJobs } from "./get-batch.ts";
import type { ServiceContext } from "./service-context.ts";

export async function getBatchResults({
  ctx,
  input: { batchId },
}: {
  ctx: Pick<ServiceContext, "database">;
  input: { batchId: string };
}): Promise<BatchResults> {
  const { database } = ctx;
  const batch = await getBatchWithJobs({ ctx, input: { batchId } });
  const [{ swimmerChoice } = { swimmerChoice: null }] = await database.db
    .select({ swimmerChoice: processingBatches.swimmerChoice })
    .from(processingBatches)
    .where(eq(processingBatches.id, batchId));
  const rows = await database.db
    .select({
      id: batchJobs.id,
      swimmerResult: batchJobs.swimmerResult,
      courseOverride: batchJobs.courseOverride,
    })
    .from(batchJobs)
    .where(eq(batchJobs.batchId, batchId))
    .orderBy(asc(batchJobs.position));
  const swims: ResultSwim[] = [];
  const meets: ResultMeet[] = [];
  const ambiguities: BatchResults["ambiguities"] = [];
  for (const row of rows) {
    if (!row.swimmerResult) continue;
    const selection = upgradeStoredSelection(row.swimmerResult as StoredSelection);
    const meetCourse = row.courseOverride ?? selection.meet.course ?? soleCourse(selection);
    for (const swim of selection.swims) {
      swims.push({
        ...swim,
        jobId: row.id,
        meet: selection.meet,
        // The person's word for the pool beats the PDF's; a swim without a course takes its meet's.
        course: row.courseOverride ?? swim.event.course ?? meetCourse,
      });
    }
    meets.push({
      jobId: row.id,
      name: selection.meet.name,
      startDate: selection.meet.startDate,
      endDate: selection.meet.endDate,
      course: meetCourse,
      courseSetByPerson: row.courseOverride !== null,
      swimCount: selection.swims.length,
    });
    if (selection.ambiguous) ambiguities.push({ jobId: row.id, candidates: selection.identities });
  }
  swims.sort(
    (a, b) =>
      (a.date ?? "").localeCompare(b.date ?? "") ||
      (a.meet.name ?? "").localeCompare(b.meet.name ?? "") ||
      a.page - b.page,
  );
  const suggestions =
    swims.length === 0 && ambiguities.length === 0
      ? await closeNamesInBatch(database.db, batchId, batch.swimmerName)
      : [];
  return {
    batchId,
    swimmerName: batch.swimmerName,
    status: batch.status,
    resultCode: batch.resultCode,
    swims,
    personalBests: personalBests(swims),
    ambiguities,
    swimmerChoice: swimmerChoice ?? null,
    suggestions,
    meets,
    jobs: batch.jobs,
  };
}

/** The course every swim of the meet names, when they all name the same one. */
function soleCourse(selection: StoredSelection): Course | null {
  const courses = new Set(selection.swims.map((swim) => swim.event.course));
  const [only] = courses;
  return courses.size === 1 && only ? only : null;
}
