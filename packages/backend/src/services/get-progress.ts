/**
 * A batch's progress: counts, percentage, and an ETA from throughput measured on this service (download
 * bytes/s, parse pages/s from recent jobs and the files being read now) applied to the work the batch has
 * left, shared over the running worker slots (batch-eta.ts does the arithmetic).
 */
import { EXTRACTOR_VERSION } from "@splitstream/extract";
import type { BatchProgress } from "@splitstream/shared";
import { eq, sql } from "drizzle-orm";
import { countsOf } from "../batches/batch-status.ts";
import { toBatchView } from "../batches/batch-views.ts";
import { batchJobs, OPEN_STATUSES_SQL, processingBatches } from "../db/schema/index.ts";
import {
  type DownloadSample,
  type JobLeft,
  type JobSample,
  measureThroughput,
  PAGES_TO_TRUST_LIVE_PACE,
  type ParseSample,
  scheduleBatch,
} from "./batch-eta.ts";
import type { ServiceContext } from "./service-context.ts";
import { NotFoundError } from "./service-error.ts";

/** How many recent jobs the throughput is measured over: enough to smooth, few enough to follow change. */
const RECENT_JOBS = 100;
/** A slot whose heartbeat is older than this is not counted as working. */
const WORKER_ALIVE_SECONDS = 60;

type JobLeftRow = {
  batch_id: string;
  status: string;
  stage: string;
  last_completed_stage: string | null;
  cached: boolean;
  sha256: string | null;
  size_bytes: number | string | null;
  page_count: number | null;
  run_at: Date | string;
  held: boolean;
  parsed_before: boolean;
  download_started_at: Date | string | null;
  download_bytes_received: number | string | null;
  download_bytes_expected: number | string | null;
  parse_started_at: Date | string | null;
  pages_read: number | null;
};

export async function getBatchProgress({
  ctx,
  input: { batchId },
}: {
  /** The clock gives the moment the ETA is worked out for; tests fix it. */
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { batchId: string };
}): Promise<BatchProgress> {
  const { database } = ctx;
  const now = ctx.clock();
  const [batch] = await database.db.select().from(processingBatches).where(eq(processingBatches.id, batchId));
  if (!batch) throw new NotFoundError("That batch");
  const [states] = await database.rows<{ pending: number; running: number }>(sql`
    select (count(*) filter (where status = 'pending'))::int as pending,
           (count(*) filter (where status in ('downloading', 'processing')))::int as running
    from ${batchJobs} where batch_id = ${batchId}`);
  const counts = countsOf(batch);
  const finished = counts.completed + counts.failed + counts.cancelled;
  const remaining = counts.total - finished;
  const progress = {
    batchId,
    status: toBatchView(batch, null).status,
    counts: { ...counts, pending: states?.pending ?? 0, running: states?.running ?? 0 },
    percentage: counts.total === 0 ? 100 : Math.round((finished / counts.total) * 1000) / 10,
  };
  if (remaining === 0) return { ...progress, etaSeconds: 0 };

  const at = now.toISOString();
  // This batch's unfinished jobs, and every job a worker holds now (another batch's still takes a slot).
  const rows = await database.rows<JobLeftRow>(sql`
    select j.batch_id, j.status, j.stage, j.last_completed_stage, j.cached, j.sha256,
           coalesce(p.size_bytes, j.file_size) as size_bytes, p.page_count, j.run_at,
           (j.locked_until is not null and j.locked_until > ${at}::timestamptz) as held,
           exists(select 1 from extraction_results e
                  where e.sha256 = j.sha256 and e.extractor_version = ${EXTRACTOR_VERSION}) as parsed_before,
           j.download_started_at, j.download_bytes_received, j.download_bytes_expected,
           j.parse_started_at, j.pages_read
    from ${batchJobs} j left join pdf_files p on p.sha256 = j.sha256
    where j.status in ${OPEN_STATUSES_SQL}
      and (j.batch_id = ${batchId} or j.locked_until > ${at}::timestamptz)
    order by j.run_at, j.created_at, j.position`);
  const jobs = toJobsLeft(rows, batchId, now);

  const parses = await database.rows<{
    pages_read: number;
    parse_ms: number;
    size_bytes: number | string | null;
    page_count: number | null;
  }>(sql`
    select j.pages_read, j.parse_ms, p.size_bytes, p.page_count
    from ${batchJobs} j left join pdf_files p on p.sha256 = j.sha256
    where j.parse_ms is not null and j.pages_read > 0
    order by j.updated_at desc limit ${RECENT_JOBS}`);
  const downloads = await database.rows<{ file_size: number | string; download_ms: number }>(sql`
    select file_size, download_ms from ${batchJobs}
    where download_ms is not null and file_size is not null
    order by updated_at desc limit ${RECENT_JOBS}`);
  const finishedJobs = await database.rows<{
    cached: boolean;
    download_ms: number | null;
    parse_ms: number | null;
    total_ms: number;
  }>(sql`
    select cached, download_ms, parse_ms,
           (extract(epoch from completed_at - started_at) * 1000)::float8 as total_ms
    from ${batchJobs}
    -- One attempt only: a retried job's run time includes its backoff.
    where status = 'completed' and started_at is not null and completed_at is not null and attempts = 1
    order by completed_at desc limit ${RECENT_JOBS}`);
  const [alive] = await database.rows<{ slots: number }>(sql`
    select count(*)::int as slots from workers
    where status = 'active'
      and heartbeat_at > ${at}::timestamptz - make_interval(secs => ${WORKER_ALIVE_SECONDS})`);
  const slots = alive?.slots ?? 0;

  const ownSizes = jobs.flatMap((job) => (!job.otherBatch && job.sizeBytes !== null ? [job.sizeBytes] : []));
  const rate = measureThroughput({
    parses: [
      ...parses.map(
        (row): ParseSample => ({
          pages: row.pages_read,
          ms: row.parse_ms,
          sizeBytes: numberOrNull(row.size_bytes),
          pageCount: row.page_count,
        }),
      ),
      // The files being read now stand in only on a service that has finished none yet.
      ...(parses.length === 0 ? liveParses(jobs) : []),
    ],
    downloads: [
      ...downloads.map((row): DownloadSample => ({ bytes: Number(row.file_size), ms: row.download_ms })),
      ...liveDownloads(jobs),
    ],
    jobs: finishedJobs.map(
      (row): JobSample => ({
        totalMs: row.total_ms,
        downloadMs: row.download_ms,
        parseMs: row.parse_ms,
        cached: row.cached,
      }),
    ),
    sizes: ownSizes.length > 0 ? ownSizes : downloads.map((row) => Number(row.file_size)),
  });
  const eta = scheduleBatch(jobs, rate, slots);
  return {
    ...progress,
    etaSeconds: eta.seconds,
    etaBasis: {
      pagesPerSecond: roundOrNull(rate.pagesPerSecond, 10),
      downloadBytesPerSecond: roundOrNull(rate.downloadBytesPerSecond, 1),
      pagesLeft: eta.pagesLeft,
      downloadBytesLeft: eta.downloadBytesLeft,
      workers: slots,
    },
  };
}

/** Rows to what the ETA needs to know of each job: which step it is in, and how far that step is. */
function toJobsLeft(rows: readonly JobLeftRow[], batchId: string, now: Date): JobLeft[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const own = row.batch_id === batchId;
    // A second job of the same bytes waits for the first one's parse and then reads it from the cache.
    const cacheHit = row.parsed_before || (row.sha256 !== null && own && seen.has(row.sha256));
    if (row.sha256 !== null && own) seen.add(row.sha256);
    return {
      state: stateOf(row),
      dueInSeconds: Math.max(0, secondsBetween(row.run_at, now)),
      needsDownload: row.sha256 === null,
      sizeBytes: numberOrNull(row.size_bytes),
      pageCount: row.page_count,
      cacheHit,
      downloadBytesReceived: numberOrNull(row.download_bytes_received),
      downloadBytesExpected: numberOrNull(row.download_bytes_expected),
      downloadElapsedSeconds:
        row.download_started_at === null ? null : secondsBetween(now, row.download_started_at),
      pagesRead: row.pages_read,
      parseElapsedSeconds: row.parse_started_at === null ? null : secondsBetween(now, row.parse_started_at),
      ...(own ? {} : { otherBatch: true }),
    };
  });
}

function stateOf(row: JobLeftRow): JobLeft["state"] {
  // A job nobody holds (never claimed, waiting for a retry, or its worker died) waits for a slot.
  if (!row.held) return "pending";
  if (row.stage === "downloading" && row.last_completed_stage !== "downloading") return "downloading";
  if (row.stage === "extracting" && !row.cached && row.parse_started_at !== null) return "parsing";
  // Claimed but not started, or downloaded and about to parse: all of its parse is still ahead.
  if (row.stage === "queued" || row.stage === "downloading") return "claimed";
  return "running";
}

/** The files being read now (since they opened), as samples of how fast this service reads pages. */
function liveParses(jobs: readonly JobLeft[]): ParseSample[] {
  return jobs.flatMap((job) =>
    job.state === "parsing" &&
    (job.pagesRead ?? 0) >= Math.min(PAGES_TO_TRUST_LIVE_PACE, job.pageCount ?? PAGES_TO_TRUST_LIVE_PACE) &&
    (job.pagesRead ?? 0) > 0 &&
    (job.parseElapsedSeconds ?? 0) > 0
      ? [
          {
            pages: job.pagesRead!,
            ms: job.parseElapsedSeconds! * 1000,
            sizeBytes: job.sizeBytes,
            pageCount: job.pageCount,
          },
        ]
      : [],
  );
}

function liveDownloads(jobs: readonly JobLeft[]): DownloadSample[] {
  return jobs.flatMap((job) =>
    job.state === "downloading" && (job.downloadElapsedSeconds ?? 0) > 0
      ? [{ bytes: job.downloadBytesReceived ?? 0, ms: job.downloadElapsedSeconds! * 1000 }]
      : [],
  );
}

function secondsBetween(later: Date | string, earlier: Date | string): number {
  return (new Date(later).getTime() - new Date(earlier).getTime()) / 1000;
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function roundOrNull(value: number | null, scale: number): number | null {
  return value === null ? null : Math.round(value * scale) / scale;
}
