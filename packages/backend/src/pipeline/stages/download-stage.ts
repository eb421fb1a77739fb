/**
 * Stage `downloading`: fetches a URL source (guarded against SSRF), stores the PDF, and records its checksum,
 * keeping the bytes received and the time taken on the job for the ETA.
 */
import { rm } from "node:fs/promises";
import { completeStage, enterStage } from "../../batches/owned-job.ts";
import { storePdfFromFile } from "../../storage/pdf-store.ts";
import { DownloadError, downloadPdf } from "../download/download-pdf.ts";
import { JobCancelledError, JobError } from "../job-error.ts";
import type { StageContext } from "../stage-context.ts";
import { WorkMeter } from "../work-meter.ts";

export async function downloadStage(ctx: StageContext): Promise<{ sha256: string }> {
  const url = ctx.job.sourceUrl;
  if (!url) throw new JobError("INTERNAL", "The job has neither a file nor a URL.");
  await enterStage(ctx, ctx.owner, "downloading", `Downloading from ${hostOf(url)}`, {
    downloadStartedAt: ctx.clock(),
    downloadBytesReceived: 0,
    downloadBytesExpected: null,
    downloadMs: null,
  });
  const meter = new WorkMeter(ctx.database, ctx.owner);
  const started = performance.now();
  let file: Awaited<ReturnType<typeof downloadPdf>>;
  try {
    file = await downloadPdf(url, {
      signal: ctx.signal,
      maxBytes: ctx.config.MAX_FILE_MB,
      connectTimeoutMs: ctx.config.DOWNLOAD_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: ctx.config.DOWNLOAD_TIMEOUT_MS,
      allowPrivate: ctx.config.ALLOW_PRIVATE_URLS,
      tempDir: ctx.config.TEMP_DIR,
      onProgress: ({ receivedBytes, totalBytes }) => {
        meter.set({ downloadBytesReceived: receivedBytes, downloadBytesExpected: totalBytes });
        const fraction = totalBytes ? Math.min(1, receivedBytes / totalBytes) : null;
        void ctx.progress(
          `Downloaded ${formatBytes(receivedBytes)}${totalBytes ? ` of ${formatBytes(totalBytes)}` : ""}`,
          fraction,
        );
      },
    });
  } catch (error) {
    await meter.flush();
    if (ctx.signal.aborted) throw new JobCancelledError();
    if (error instanceof DownloadError) {
      throw new JobError(error.code, error.message, {
        retryable: error.retryable,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
        context: { url, httpStatus: error.httpStatus },
      });
    }
    throw error;
  }
  const downloadMs = Math.round(performance.now() - started);
  await meter.flush();
  // Fraction 1 always passes the progress throttle: the row ends on the whole size, not a stale part.
  await ctx.progress(`Downloaded ${formatBytes(file.sizeBytes)}`, 1);
  try {
    await ctx.database.db.transaction(async (tx) => {
      await storePdfFromFile(tx, file);
    });
    await completeStage(ctx, ctx.owner, "downloading", {
      sha256: file.sha256,
      fileSize: file.sizeBytes,
      downloadMs,
      downloadBytesReceived: file.sizeBytes,
    });
  } finally {
    await rm(file.path, { force: true });
  }
  return { sha256: file.sha256 };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
