/**
 * The workers of every instance from worker_status_summary, with the job each is running and a name
 * that tells the slots of one process apart.
 */
import type { AdminWorkerList, WorkerStatus } from "@splitstream/shared";
import { desc, eq, getViewSelectedFields } from "drizzle-orm";
import { batchJobs, workerStatusSummary } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";

/** Enough for any real fleet; stopped workers of old restarts beyond it are of no interest. */
const MAX_WORKERS = 200;

export async function listWorkers({
  ctx,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input?: Record<string, never>;
}): Promise<AdminWorkerList> {
  const { db } = ctx.database;
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
  const names = workerNames(rows.map(({ worker }) => worker));
  return {
    items: rows.map(({ worker, job }) => ({
      workerId: worker.workerId,
      ...names.get(worker.workerId)!,
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

/** The worker pool names each slot `<instance id>/<0-based slot>`. */
const SLOT_ID = /^(.+)\/(\d+)$/;

interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
}

/**
 * "host-pid · slot N" for each worker; where two processes share a host and pid (containers often run
 * as pid 1) the instance id names the process instead, so no two rows read the same.
 */
export function workerNames(
  workers: readonly WorkerIdentity[],
): Map<string, { name: string; slot: number | null }> {
  const parsed = workers.map((worker) => {
    const match = SLOT_ID.exec(worker.workerId);
    return {
      worker,
      instance: match ? match[1]! : worker.workerId,
      slot: match ? Number(match[2]) + 1 : null,
      process: `${worker.hostname}-${worker.pid}`,
    };
  });
  const instancesOfProcess = new Map<string, Set<string>>();
  for (const { process, instance } of parsed)
    instancesOfProcess.set(process, (instancesOfProcess.get(process) ?? new Set()).add(instance));
  return new Map(
    parsed.map(({ worker, instance, slot, process }) => {
      const shared = (instancesOfProcess.get(process)?.size ?? 0) > 1;
      const owner = shared ? instance : process;
      const name = slot === null ? (shared ? worker.workerId : process) : `${owner} · slot ${slot}`;
      return [worker.workerId, { name, slot }];
    }),
  );
}
