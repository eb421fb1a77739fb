/** The swimmer's swims across a batch, their personal bests per event and course, and the result link. */
import type { BatchResults, PersonalBest, ResultSwim } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs } from "../db/schema/index.ts";
import { getBatchWithJobs } from "./get-batch.ts";

interface StoredSelection {
  meet: ResultSwim["meet"];
  swims: Array<Omit<ResultSwim, "jobId" | "meet">>;
  ambiguous: boolean;
  candidates: string[];
}

export async function getBatchResults({
  database,
  batchId,
}: {
  database: Database;
  batchId: string;
}): Promise<BatchResults> {
  const batch = await getBatchWithJobs({ db: database.db, batchId });
  const rows = await database.db
    .select({ id: batchJobs.id, swimmerResult: batchJobs.swimmerResult })
    .from(batchJobs)
    .where(eq(batchJobs.batchId, batchId));
  const swims: ResultSwim[] = [];
  const ambiguities: BatchResults["ambiguities"] = [];
  for (const row of rows) {
    const selection = row.swimmerResult as StoredSelection | null;
    if (!selection) continue;
    for (const swim of selection.swims) swims.push({ ...swim, jobId: row.id, meet: selection.meet });
    if (selection.ambiguous) ambiguities.push({ jobId: row.id, candidates: selection.candidates });
  }
  swims.sort(
    (a, b) =>
      (a.meet.startDate ?? "").localeCompare(b.meet.startDate ?? "") ||
      (a.meet.name ?? "").localeCompare(b.meet.name ?? "") ||
      a.page - b.page,
  );
  return {
    batchId,
    swimmerName: batch.swimmerName,
    status: batch.status,
    resultCode: batch.resultCode,
    swims,
    personalBests: personalBests(swims),
    ambiguities,
    jobs: batch.jobs,
  };
}

/** The fastest valid individual swim per (distance, stroke, course). Relay splits do not count. */
export function personalBests(swims: readonly ResultSwim[]): PersonalBest[] {
  const best = new Map<string, ResultSwim>();
  for (const swim of swims) {
    if (swim.event.relay || swim.status !== "OK" || swim.timeMs === null || swim.time === null) continue;
    const course = swim.event.course ?? swim.meet.course;
    const key = `${swim.event.distance}|${swim.event.stroke}|${course ?? "?"}`;
    const current = best.get(key);
    if (!current || swim.timeMs < (current.timeMs ?? Number.POSITIVE_INFINITY)) best.set(key, swim);
  }
  return [...best.values()]
    .map((swim) => ({
      distance: swim.event.distance,
      stroke: swim.event.stroke,
      course: swim.event.course ?? swim.meet.course,
      timeMs: swim.timeMs!,
      time: swim.time!,
      meetName: swim.meet.name,
      date: swim.meet.startDate,
      jobId: swim.jobId,
    }))
    .sort(
      (a, b) =>
        a.stroke.localeCompare(b.stroke) ||
        a.distance - b.distance ||
        (a.course ?? "").localeCompare(b.course ?? ""),
    );
}
