/**
 * The arithmetic of a batch's ETA, from throughput measured on this service: download bytes/s, parse
 * pages/s (and a fixed cost per parse), and what a job costs besides; then the work left in the batch
 * (bytes still to download, pages still to read) shared out over the worker slots in claim order.
 * No database here: get-progress.ts reads the rows, this works out the seconds.
 */

/** A finished (or running) parse: pages read in how long, and what the PDF weighs. */
export interface ParseSample {
  pages: number;
  ms: number;
  /** The PDF's size and page count, when both are known: how many pages a byte stands for. */
  sizeBytes: number | null;
  pageCount: number | null;
}

/** A finished (or running) download: bytes received in how long. */
export interface DownloadSample {
  bytes: number;
  ms: number;
}

/** A finished job: its whole run time, and the parts of it that were download and parse. */
export interface JobSample {
  totalMs: number;
  downloadMs: number | null;
  parseMs: number | null;
  cached: boolean;
}

export interface Throughput {
  /** Pages one slot reads per second, beyond the fixed cost of opening a PDF. */
  pagesPerSecond: number | null;
  /** What opening and finishing a parse costs whatever its pages. */
  parseSecondsPerFile: number;
  bytesPerPage: number | null;
  downloadBytesPerSecond: number | null;
  /** What a parsed job costs besides its download and parse: claim, stage changes, storing, picking swims. */
  jobSecondsBesides: number;
  /** What a job served from the cache costs in all. */
  cachedJobSeconds: number;
  /** A PDF's usual size, for URLs whose size is not known until they are downloaded. */
  typicalBytes: number | null;
}

/** Samples below this many bytes tell more about latency than about bandwidth. */
const MIN_DOWNLOAD_SAMPLE_BYTES = 32 * 1024;

export function measureThroughput(input: {
  parses: readonly ParseSample[];
  downloads: readonly DownloadSample[];
  jobs: readonly JobSample[];
  sizes: readonly number[];
}): Throughput {
  const { perPageSeconds, perFileSeconds } = fitParseTimes(input.parses.filter((s) => s.pages > 0));
  const paged = input.parses.filter((s) => s.sizeBytes !== null && s.pageCount !== null && s.pageCount > 0);
  const pagedBytes = sum(paged.map((s) => s.sizeBytes!));
  const pagedPages = sum(paged.map((s) => s.pageCount!));
  const downloads = input.downloads.filter((s) => s.bytes >= MIN_DOWNLOAD_SAMPLE_BYTES && s.ms > 0);
  const downloadMs = sum(downloads.map((s) => s.ms));
  const parsed = input.jobs.filter((job) => !job.cached && job.parseMs !== null);
  const besides = median(
    parsed.map((job) => Math.max(0, job.totalMs - (job.downloadMs ?? 0) - (job.parseMs ?? 0)) / 1000),
  );
  const cached = median(input.jobs.filter((job) => job.cached).map((job) => job.totalMs / 1000));
  return {
    pagesPerSecond: perPageSeconds === null ? null : 1 / perPageSeconds,
    parseSecondsPerFile: perFileSeconds,
    bytesPerPage: pagedPages > 0 ? pagedBytes / pagedPages : null,
    downloadBytesPerSecond: downloadMs > 0 ? sum(downloads.map((s) => s.bytes)) / (downloadMs / 1000) : null,
    jobSecondsBesides: besides ?? 0,
    cachedJobSeconds: cached ?? besides ?? 0,
    typicalBytes: input.sizes.length > 0 ? sum(input.sizes) / input.sizes.length : null,
  };
}

/**
 * Parse time = per file + pages x per page, by least squares over the samples when they spread over
 * enough page counts to tell the two apart; else all of it per page (pages/s over the whole sample).
 */
function fitParseTimes(samples: readonly ParseSample[]): {
  perPageSeconds: number | null;
  perFileSeconds: number;
} {
  const pages = sum(samples.map((s) => s.pages));
  if (pages === 0) return { perPageSeconds: null, perFileSeconds: 0 };
  const overall = { perPageSeconds: sum(samples.map((s) => s.ms)) / 1000 / pages, perFileSeconds: 0 };
  const distinct = new Set(samples.map((s) => s.pages));
  if (samples.length < 3 || distinct.size < 2) return overall;
  const n = samples.length;
  const meanX = pages / n;
  const meanY = sum(samples.map((s) => s.ms / 1000)) / n;
  const sxx = sum(samples.map((s) => (s.pages - meanX) ** 2));
  const sxy = sum(samples.map((s) => (s.pages - meanX) * (s.ms / 1000 - meanY)));
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  // A noisy fit (a negative cost either way) says nothing the overall rate does not say better.
  if (!(slope > 0) || intercept < 0) return overall;
  return { perPageSeconds: slope, perFileSeconds: intercept };
}

/** A job of the batch that has not finished, as far as it has got. */
export interface JobLeft {
  /**
   * pending: waits for a slot; claimed: holds one but has not begun its download or parse; downloading /
   * parsing: running that step; running: any other step (saving, reading the cache, waiting on a parse).
   */
  state: "pending" | "claimed" | "downloading" | "parsing" | "running";
  /** Seconds before the queue may hand it out (a retry's backoff); 0 when due. */
  dueInSeconds: number;
  /** A URL whose bytes are not stored yet. */
  needsDownload: boolean;
  /** The PDF's size when known (uploads; URLs once downloaded). */
  sizeBytes: number | null;
  pageCount: number | null;
  /** These bytes were parsed before (by this extractor), or an earlier job of the batch parses them. */
  cacheHit: boolean;
  downloadBytesReceived: number | null;
  downloadBytesExpected: number | null;
  downloadElapsedSeconds: number | null;
  pagesRead: number | null;
  parseElapsedSeconds: number | null;
  /** Part of another batch: it holds a slot, but its end is not this batch's. */
  otherBatch?: boolean;
}

export interface JobEstimate {
  seconds: number;
  pagesLeft: number;
  downloadBytesLeft: number;
}

/** Seconds the job still needs once it has a slot; null when nothing measured says how fast it will go. */
export function estimateJob(job: JobLeft, rate: Throughput): JobEstimate | null {
  const tail = rate.jobSecondsBesides / 2;
  if (job.state === "running") return { seconds: tail, pagesLeft: 0, downloadBytesLeft: 0 };
  if (job.state === "parsing") return estimateParseLeft(job, rate, tail);
  if (job.cacheHit && !job.needsDownload)
    return { seconds: rate.cachedJobSeconds, pagesLeft: 0, downloadBytesLeft: 0 };

  let seconds = job.state === "pending" || job.state === "claimed" ? rate.jobSecondsBesides : tail;
  let downloadBytesLeft = 0;
  let size = job.sizeBytes;
  if (job.needsDownload) {
    const received = job.downloadBytesReceived ?? 0;
    size = job.downloadBytesExpected ?? Math.max(rate.typicalBytes ?? 0, received);
    if (size <= 0) return null;
    downloadBytesLeft = Math.max(0, size - received);
    const live =
      job.state === "downloading" &&
      received >= MIN_DOWNLOAD_SAMPLE_BYTES &&
      (job.downloadElapsedSeconds ?? 0) > 0
        ? received / job.downloadElapsedSeconds!
        : null;
    const bytesPerSecond = live ?? rate.downloadBytesPerSecond;
    if (bytesPerSecond === null) return null;
    seconds += downloadBytesLeft / bytesPerSecond;
  }
  // A URL's bytes may turn out to be parsed already; without its checksum, count the parse.
  const pages = job.pageCount ?? (size !== null && rate.bytesPerPage ? size / rate.bytesPerPage : null);
  if (pages === null || rate.pagesPerSecond === null) return null;
  seconds += rate.parseSecondsPerFile + pages / rate.pagesPerSecond;
  return { seconds, pagesLeft: pages, downloadBytesLeft };
}

/**
 * Pages of its own a file being read must show before its pace counts as much as the service's (and, on a
 * service that has measured nothing, before its pace counts at all).
 */
export const PAGES_TO_TRUST_LIVE_PACE = 5;

/**
 * The rest of a running parse: its pages left at the pace this very file is read since it opened, which
 * counts for more with every page read (PDFs differ); until then, the pace measured on the service.
 */
function estimateParseLeft(job: JobLeft, rate: Throughput, tail: number): JobEstimate | null {
  const elapsed = job.parseElapsedSeconds ?? 0;
  const read = job.pagesRead ?? 0;
  const pages =
    job.pageCount ?? (job.sizeBytes !== null && rate.bytesPerPage ? job.sizeBytes / rate.bytesPerPage : null);
  if (pages === null)
    return rate.pagesPerSecond === null ? null : { seconds: tail, pagesLeft: 0, downloadBytesLeft: 0 };
  const pagesLeft = Math.max(0, pages - read);
  if (read > 0 && elapsed > 0 && rate.pagesPerSecond !== null) {
    const secondsPerPage =
      (elapsed + PAGES_TO_TRUST_LIVE_PACE / rate.pagesPerSecond) / (read + PAGES_TO_TRUST_LIVE_PACE);
    return { seconds: pagesLeft * secondsPerPage + tail, pagesLeft, downloadBytesLeft: 0 };
  }
  // Nothing measured yet: a page or two (fonts load on the first) is not a pace to forecast with.
  if (read >= Math.min(PAGES_TO_TRUST_LIVE_PACE, pages) && elapsed > 0)
    return { seconds: (pagesLeft * elapsed) / read + tail, pagesLeft, downloadBytesLeft: 0 };
  if (rate.pagesPerSecond === null) return null;
  const expected = rate.parseSecondsPerFile + pages / rate.pagesPerSecond;
  return {
    seconds: Math.max(pagesLeft / rate.pagesPerSecond, expected - elapsed) + tail,
    pagesLeft,
    downloadBytesLeft: 0,
  };
}

export interface BatchEta {
  /** Seconds until every job of the batch is finished; null when a job's pace cannot be told yet. */
  seconds: number | null;
  pagesLeft: number;
  downloadBytesLeft: number;
}

/**
 * Shares the jobs out over the slots as the queue will: running jobs keep theirs, pending ones (in claim
 * order) take the slot that frees first. The batch is done when its last job ends.
 */
export function scheduleBatch(jobs: readonly JobLeft[], rate: Throughput, slots: number): BatchEta {
  let pagesLeft = 0;
  let downloadBytesLeft = 0;
  let unknown = false;
  const freeAt: number[] = [];
  let end = 0;
  const estimates = jobs.map((job) => {
    const estimate = estimateJob(job, rate);
    if (estimate === null) {
      if (!job.otherBatch) unknown = true;
      return 0;
    }
    if (!job.otherBatch) {
      pagesLeft += estimate.pagesLeft;
      downloadBytesLeft += estimate.downloadBytesLeft;
    }
    return estimate.seconds;
  });
  jobs.forEach((job, index) => {
    if (job.state === "pending") return;
    freeAt.push(estimates[index]!);
    if (!job.otherBatch) end = Math.max(end, estimates[index]!);
  });
  while (freeAt.length < slots) freeAt.push(0);
  jobs.forEach((job, index) => {
    if (job.state !== "pending") return;
    freeAt.sort((a, b) => a - b);
    const start = Math.max(freeAt[0]!, job.dueInSeconds);
    freeAt[0] = start + estimates[index]!;
    end = Math.max(end, freeAt[0]);
  });
  const round = (value: number) => Math.round(value);
  return {
    seconds: unknown || slots === 0 ? null : Math.round(end * 10) / 10,
    pagesLeft: round(pagesLeft),
    downloadBytesLeft: round(downloadBytesLeft),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
