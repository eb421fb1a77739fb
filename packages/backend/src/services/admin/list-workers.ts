/** The workers of every instance from worker_status_summary, with the job each is running. */
import type { AdminWorkerList, WorkerStatus } from "@splitstream/shared";
import { desc, eq, getViewSelectedFields } from "drizzle-orm";
import type { Db } from "../../db/database.ts";
import { batchJobs, workerStatusSummary } from "../../db/schema/index.ts";

/** Enough for any real fleet; stopped workers of old restarts beyond it are of no interest. */
const MAX_WORKERS = 200;

export async function listWorkers({
  db,
}: {
  db: Db;
  input?: Record<string, never>;
}): Promise<AdminWorkerList> {
  const rows = await db
    .select({
      worker: getViewSelectedFields(workerStatusSummary),
      job: {
        id: batchJobs.id,
        batchId: batchJobs.batchId,
        stage: batchJobs.stage,
        fileName: batchJobs.fileName,
        sourceUrl: batchJobs.sourceUrl,
      },
    })
    .from(workerStatusSummary)
    .leftJoin(batchJobs, eq(batchJobs.id, workerStatusSummary.currentJobId))
    .orderBy(
      desc(workerStatusSummary.responsive),
      desc(workerStatusSummary.heartbeatAt),
      workerStatusSummary.workerId,
    )
    .limit(MAX_WORKERS);
  return {
    items: rows.map(({ worker, job }) => ({
      workerId: worker.workerId,
      hostname: worker.hostname,
      pid: worker.pid,
      status: worker.status as WorkerStatus,
      concurrency: worker.concurrency,
      jobsCompleted: worker.jobsCompleted,
      jobsFailed: worker.jobsFailed,
      heartbeatAt: new Date(worker.heartbeatAt).toISOString(),
      heartbeatAgeSeconds: Math.max(0, Math.round(worker.heartbeatAgeSeconds * 10) / 10),
      responsive: worker.responsive,
      currentJob: job
        ? { id: job.id, batchId: job.batchId, stage: job.stage, source: job.fileName ?? job.sourceUrl }
        : null,
    })),
  };
}
