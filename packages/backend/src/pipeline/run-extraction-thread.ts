/**
 * Parses a PDF off the event loop, in its own worker thread with a time and memory limit, so a PDF that
 * hangs or crashes the parser fails only its own job.
 */
import { Worker } from "node:worker_threads";
import type { ExtractionOutput, JobErrorCode } from "@splitstream/shared";
import { JobCancelledError, JobError } from "./job-error.ts";

export interface ExtractionLimits {
  timeoutMs: number;
  memoryMb: number;
  signal: AbortSignal;
}

type ThreadReply =
  | { ok: true; output: ExtractionOutput }
  | { ok: false; code: JobErrorCode; message: string };

const ENTRY = new URL("./extraction-thread-bootstrap.mjs", import.meta.url);

export function runExtractionThread(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionOutput> {
  return new Promise((resolve, reject) => {
    if (limits.signal.aborted) return reject(new JobCancelledError());
    const worker = new Worker(ENTRY, {
      workerData: { bytes },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal.removeEventListener("abort", onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(new JobCancelledError()));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new JobError(
              "EXTRACTION_TIMEOUT",
              `Reading the PDF took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped.`,
              {
                retryable: false,
              },
            ),
          ),
        ),
      limits.timeoutMs,
    );
    limits.signal.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (reply: ThreadReply) =>
      finish(() =>
        reply.ok
          ? resolve(reply.output)
          : reject(new JobError(reply.code, reply.message, { retryable: false })),
      ),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new JobError(
                "INTERNAL",
                `Reading the PDF needed more than ${limits.memoryMb} MB of memory and was stopped.`,
                { retryable: false },
              )
            : new JobError("INTERNAL", `The parser crashed on this PDF (${error.message}).`, {
                retryable: false,
              }),
        ),
      ),
    );
    worker.once("exit", (exitCode) =>
      finish(() =>
        reject(
          new JobError("INTERNAL", `The parser stopped unexpectedly (exit code ${exitCode}).`, {
            retryable: false,
          }),
        ),
      ),
    );
  });
}
