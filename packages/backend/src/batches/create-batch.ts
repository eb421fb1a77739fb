/**
 * Creates a batch: its new PDFs, the batch row, its jobs and their first events, all in one transaction;
 * the wake-ups for workers and event streams follow the commit.
 */
import { randomUUID } from "node:crypto";
import { BATCH_EVENTS_CHANNEL, JOBS_CHANNEL, jobsWakeUp, type NewBatchEvent } from "@splitstream/shared";
import { inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/database.ts";
import { batchEvents, batchJobs, pdfFiles, processingBatches } from "../db/schema/index.ts";
import { sendWakeUps } from "../db/send-wake-ups.ts";
import type { ReceivedFile } from "../ingest/receive-multipart.ts";
import { storePdfFromFile } from "../storage/pdf-store.ts";
import { BATCH_VIEW_COLUMNS, type BatchViewRow, JOB_VIEW_COLUMNS, type JobViewRow } from "./batch-views.ts";
import { NEW_LEDGER, seqAfter } from "./ledger-rows.ts";

export interface CreateBatchInput {
  swimmerName: string;
  notificationEmail: string | undefined;
  uploads: readonly ReceivedFile[];
  urls: readonly string[];
  clientIp: string | null;
  ttlDays: number;
}

/** The batch and its jobs (in order) as written, in the columns their views show. */
export async function insertBatch(
  database: Database,
  input: CreateBatchInput,
): Promise<{ batch: BatchViewRow; jobs: JobViewRow[] }> {
  // The statement below would commit a batch without jobs and return no row; the route never asks for one.
  if (input.uploads.length + input.urls.length === 0) throw new Error("a batch needs at least one source");
  // Ids are made here, so the batch, its jobs and its events go to the database in one statement.
  const batchId = randomUUID();
  const values: Record<string, unknown> = {
    batchId,
    swimmerName: input.swimmerName,
    notificationEmail: input.notificationEmail ?? null,
    clientIp: input.clientIp,
    ttlDays: input.ttlDays,
  };
  input.uploads.forEach((upload, index) => {
    const jobId = randomUUID();
    values[`jobId${index}`] = jobId;
    values[`fileName${index}`] = upload.fileName;
    values[`sha256${index}`] = upload.sha256;
    values[`fileSize${index}`] = upload.sizeBytes;
    values[`event${index}`] = queuedEventData(jobId);
  });
  input.urls.forEach((url, urlIndex) => {
    const index = input.uploads.length + urlIndex;
    const jobId = randomUUID();
    values[`jobId${index}`] = jobId;
    values[`sourceUrl${index}`] = url;
    values[`fileName${index}`] = fileNameOf(url);
    values[`event${index}`] = queuedEventData(jobId);
  });
  const shape = { uploads: input.uploads.length, urls: input.urls.length };

  const rows = await insertRows(database, input, shape, values);
  const batch = rows[0]?.batch;
  if (!batch) throw new Error("inserting the batch returned no row");
  // Not awaited: the batch is committed, and a lost wake-up only waits for the next poll.
  void sendWakeUps(database, [
    [JOBS_CHANNEL, jobsWakeUp(batchId, input.uploads.length + input.urls.length)],
    [BATCH_EVENTS_CHANNEL, `${batchId}:${batch.lastSeq}`],
  ]);
  return { batch, jobs: rows.map((row) => row.job).sort((a, b) => a.position - b.position) };
}

type InsertedRows = Awaited<ReturnType<InsertStatement["execute"]>>;

/**
 * Writes the batch. PDFs stored before (by anyone) need no writes of their own, so a batch of known PDFs
 * is the one statement; new PDFs are stored in the same transaction as the batch that names them.
 */
async function insertRows(
  database: Database,
  input: CreateBatchInput,
  shape: BatchShape,
  values: Record<string, unknown>,
): Promise<InsertedRows> {
  if (shape.uploads === 0 || (await allStored(database, input.uploads))) {
    try {
      return await cachedInsertStatement(database, shape).execute(values);
    } catch (error) {
      // A stored PDF nobody referenced may have expired since the look: store it again below.
      if (shape.uploads === 0 || !isForeignKeyViolation(error)) throw error;
    }
  }
  return database.db.transaction(async (tx) => {
    for (const upload of input.uploads) await storePdfFromFile(tx, upload);
    return insertStatement(tx, shape).execute(values);
  });
}

async function allStored(database: Database, uploads: readonly ReceivedFile[]): Promise<boolean> {
  const wanted = [...new Set(uploads.map((upload) => upload.sha256))];
  const stored = await database.db
    .select({ sha256: pdfFiles.sha256 })
    .from(pdfFiles)
    .where(inArray(pdfFiles.sha256, wanted));
  return stored.length === wanted.length;
}

/** PostgreSQL's foreign_key_violation, as postgres.js and PGlite report it. */
function isForeignKeyViolation(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return (cause as { code?: unknown })?.code === "23503";
}

interface BatchShape {
  uploads: number;
  urls: number;
}

/**
 * The batch, its jobs (uploads first, then URLs) and their first events in one statement: PostgreSQL runs
 * every data-modifying CTE exactly once, atomically, and checks the foreign keys at its end. The events
 * are numbered by the ledger's rule (ledger-rows.ts) from an empty ledger, and last_event_id is the last.
 */
function insertStatement(on: DbOrTx, shape: BatchShape) {
  const count = shape.uploads + shape.urls;
  const p = sql.placeholder;
  const jobs = Array.from({ length: count }, (_, index) =>
    index < shape.uploads
      ? {
          id: p(`jobId${index}`),
          batchId: p("batchId"),
          position: index,
          sourceType: "upload" as const,
          fileName: p(`fileName${index}`),
          sha256: p(`sha256${index}`),
          fileSize: p(`fileSize${index}`),
          // An upload has nothing to download: it is ready to extract.
          lastCompletedStage: "downloading" as const,
        }
      : {
          id: p(`jobId${index}`),
          batchId: p("batchId"),
          position: index,
          sourceType: "url" as const,
          sourceUrl: p(`sourceUrl${index}`),
          fileName: p(`fileName${index}`),
        },
  );
  const events = Array.from({ length: count }, (_, index) => ({
    batchId: p("batchId"),
    seq: seqAfter(NEW_LEDGER, index),
    type: "job.stage" as const,
    data: p(`event${index}`),
  }));
  const batchCte = on.$with("new_batch").as(
    on
      .insert(processingBatches)
      .values({
        id: p("batchId"),
        swimmerName: p("swimmerName"),
        notificationEmail: p("notificationEmail"),
        totalJobs: count,
        lastSeq: seqAfter(NEW_LEDGER, count - 1),
        clientIp: p("clientIp"),
        expiresAt: sql`now() + make_interval(days => ${p("ttlDays")})`,
      })
      .returning(BATCH_VIEW_COLUMNS),
  );
  const jobsCte = on.$with("new_jobs").as(on.insert(batchJobs).values(jobs).returning(JOB_VIEW_COLUMNS));
  const eventsCte = on
    .$with("new_events")
    .as(on.insert(batchEvents).values(events).returning({ seq: batchEvents.seq }));
  return on
    .with(batchCte, jobsCte, eventsCte)
    .select({ batch: batchCte._.selectedFields, job: jobsCte._.selectedFields })
    .from(jobsCte)
    .crossJoin(batchCte)
    .prepare(`create_batch_${shape.uploads}_${shape.urls}`);
}

type InsertStatement = ReturnType<typeof insertStatement>;
const insertStatements = new WeakMap<Database, Map<string, InsertStatement>>();

/** Building drizzle's SQL costs more than running it, so each shape is built once per database. */
function cachedInsertStatement(database: Database, shape: BatchShape): InsertStatement {
  let byShape = insertStatements.get(database);
  if (!byShape) {
    byShape = new Map();
    insertStatements.set(database, byShape);
  }
  const key = `${shape.uploads}:${shape.urls}`;
  let statement = byShape.get(key);
  if (!statement) {
    statement = insertStatement(database.db, shape);
    byShape.set(key, statement);
  }
  return statement;
}

/** The stored payload of a job's first event (the ledger keeps type and seq in their own columns). */
function queuedEventData(jobId: string): Omit<NewBatchEvent, "type"> {
  const { type: _type, ...data } = {
    type: "job.stage",
    jobId,
    stage: "queued",
    status: "pending",
    cached: false,
    message: "Waiting for a worker",
  } satisfies NewBatchEvent;
  return data;
}

function fileNameOf(url: string): string | null {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last).slice(0, 200) : null;
  } catch {
    return null;
  }
}
