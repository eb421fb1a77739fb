/** Creates a batch: its PDFs, the batch row, its jobs and their first events, all in one transaction. */
import { type BatchWithJobs, JOBS_CHANNEL } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { batchJobs, processingBatches } from "../db/schema/index.ts";
import { appendBatchEvents } from "../events/batch-event-ledger.ts";
import type { ReceivedFile } from "../ingest/receive-multipart.ts";
import { storePdfFromFile } from "../storage/pdf-store.ts";
import { getBatchWithJobs } from "./get-batch.ts";

export interface CreateBatchInput {
  swimmerName: string;
  notificationEmail: string | undefined;
  uploads: readonly ReceivedFile[];
  urls: readonly string[];
  clientIp: string | null;
  ttlDays: number;
}

export async function createBatch({
  database,
  input,
}: {
  database: Database;
  input: CreateBatchInput;
}): Promise<BatchWithJobs> {
  const total = input.uploads.length + input.urls.length;
  return database.db.transaction(async (tx) => {
    for (const upload of input.uploads) await storePdfFromFile(tx, upload);
    const [batch] = await tx
      .insert(processingBatches)
      .values({
        swimmerName: input.swimmerName,
        notificationEmail: input.notificationEmail ?? null,
        totalJobs: total,
        clientIp: input.clientIp,
        expiresAt: sql`now() + make_interval(days => ${input.ttlDays})`,
      })
      .returning();
    if (!batch) throw new Error("inserting the batch returned no row");
    const jobs = await tx
      .insert(batchJobs)
      .values([
        ...input.uploads.map((upload, index) => ({
          batchId: batch.id,
          position: index,
          sourceType: "upload" as const,
          fileName: upload.fileName,
          sha256: upload.sha256,
          fileSize: upload.sizeBytes,
          // An upload has nothing to download: it is ready to extract.
          lastCompletedStage: "downloading" as const,
        })),
        ...input.urls.map((url, index) => ({
          batchId: batch.id,
          position: input.uploads.length + index,
          sourceType: "url" as const,
          sourceUrl: url,
          fileName: fileNameOf(url),
        })),
      ])
      .returning();
    await appendBatchEvents(
      tx,
      batch.id,
      jobs.map((job) => ({
        type: "job.stage",
        jobId: job.id,
        stage: "queued",
        status: "pending",
        cached: false,
        message: "Waiting for a worker",
      })),
    );
    await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${batch.id})`);
    return getBatchWithJobs({ db: tx, batchId: batch.id });
  });
}

function fileNameOf(url: string): string | null {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last).slice(0, 200) : null;
  } catch {
    return null;
  }
}
