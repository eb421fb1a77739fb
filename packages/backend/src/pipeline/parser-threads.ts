/**
 * Parses PDFs off the event loop, in a few long-lived worker threads with a memory limit each and a
 * time limit per PDF. Threads stay warm between PDFs, because starting one costs seconds (it loads
 * the TypeScript loader and PDFium); a thread that hangs, runs out of memory or crashes is ended and
 * replaced, so a bad PDF fails only its own job. While a thread reads, it tells the pages read so far.
 */
import { Worker } from "node:worker_threads";
import type { ExtractionOutput } from "@splitstream/shared";
import { JobCancelledError, JobError } from "./job-error.ts";
import {
  isParsePages,
  PARSER_READY,
  type ParsePages,
  type ParseReply,
  type ParseRequest,
} from "./parser-thread/parse-to-reply.ts";

/** Loading the TypeScript loader and PDFium takes seconds; this long means the thread is stuck. */
const STARTUP_LIMIT_MS = 120_000;

export const PARSER_THREAD_ENTRY = new URL("./parser-thread/bootstrap.mjs", import.meta.url);

export interface ParserThreadsOptions {
  /** Threads kept at most; parses beyond this wait for a free one. */
  size: number;
  memoryMb: number;
  timeoutMs: number;
  /** The thread's module; tests point it at a parser that misbehaves on purpose. */
  entry?: URL;
}

/** Told the page count when the PDF opens (0 read), then after each page the thread has read. */
export type OnPagesRead = (pagesRead: number, pageCount: number) => void;

export class ParserThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly waiting: Array<(worker: Worker) => void> = [];
  /** Settles when a thread has loaded its parser: true, or false when it died first. */
  private readonly loadedThreads = new WeakMap<Worker, Promise<boolean>>();
  private nextRequestId = 0;
  private closed = false;
  /** Threads started so far: a warm pool starts one per slot, plus one per thread it had to end. */
  threadsStarted = 0;

  constructor(private readonly options: ParserThreadsOptions) {}

  /** Starts every thread now, so that no job waits for a cold start. */
  warm(): void {
    while (!this.closed && this.idle.length + this.busy.size < this.options.size)
      this.idle.push(this.spawn());
  }

  /** Settles once every thread started so far has loaded its parser (or died trying). */
  async loaded(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy].map((worker) => this.loadedThreads.get(worker)));
  }

  async parse(bytes: Uint8Array, signal: AbortSignal, onPagesRead?: OnPagesRead): Promise<ExtractionOutput> {
    if (signal.aborted) throw new JobCancelledError();
    const worker = await this.acquire(signal);
    // The time limit is the PDF's: a thread's cold start (seconds on a busy machine) does not count.
    try {
      await this.untilLoaded(worker, signal);
    } catch (error) {
      this.discard(worker);
      throw error;
    }
    const { timeoutMs, memoryMb } = this.options;
    const id = this.nextRequestId++;
    return new Promise<ExtractionOutput>((resolve, reject) => {
      let settled = false;
      const finish = (keepThread: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (keepThread) this.release(worker);
        else this.discard(worker);
        outcome();
      };
      const onMessage = (reply: ParseReply | ParsePages) => {
        if (reply.id !== id) return;
        if (isParsePages(reply)) {
          if (settled) return;
          try {
            onPagesRead?.(reply.pagesRead, reply.pageCount);
          } catch {
            // Progress is for people watching; a listener's bug must not take the thread's reply with it.
          }
          return;
        }
        finish(true, () =>
          reply.ok
            ? resolve(reply.output)
            : reject(new JobError(reply.code, reply.message, { retryable: false })),
        );
      };
      const onError = (error: Error & { code?: string }) =>
        finish(false, () =>
          reject(
            error.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? new JobError(
                  "INTERNAL",
                  `Reading the PDF needed more than ${memoryMb} MB of memory and was stopped.`,
                  { retryable: false },
                )
              : new JobError("INTERNAL", `The parser crashed on this PDF (${error.message}).`, {
                  retryable: false,
                }),
          ),
        );
      const onExit = (exitCode: number) =>
        finish(false, () =>
          reject(
            new JobError("INTERNAL", `The parser stopped unexpectedly (exit code ${exitCode}).`, {
              retryable: false,
            }),
          ),
        );
      const onAbort = () => finish(false, () => reject(new JobCancelledError()));
      const timer = setTimeout(
        () =>
          finish(false, () =>
            reject(
              new JobError(
                "EXTRACTION_TIMEOUT",
                `Reading the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`,
                { retryable: false },
              ),
            ),
          ),
        timeoutMs,
      );
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      signal.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ id, bytes } satisfies ParseRequest);
    });
  }

  /** Ends every thread; parses still running fail as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    await Promise.all(all.map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.entry ?? PARSER_THREAD_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
      stdout: false,
      stderr: false,
    });
    this.threadsStarted++;
    this.loadedThreads.set(
      worker,
      new Promise((resolve) => {
        const onMessage = (message: unknown) => {
          if (message !== PARSER_READY) return;
          worker.off("message", onMessage);
          resolve(true);
        };
        worker.on("message", onMessage);
        worker.once("exit", () => resolve(false));
      }),
    );
    // An idle thread must not keep the process alive; one that dies while idle just leaves the pool.
    worker.unref();
    worker.on("error", () => {});
    worker.once("exit", () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  /** Waits for a thread to load, but not for ever: one stuck starting up fails the parse, retryably. */
  private untilLoaded(worker: Worker, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        outcome();
      };
      const onAbort = () => settle(() => reject(new JobCancelledError()));
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(new JobError("INTERNAL", "The parser did not start in time.", { retryable: true })),
          ),
        STARTUP_LIMIT_MS,
      );
      signal.addEventListener("abort", onAbort, { once: true });
      void this.loadedThreads
        .get(worker)
        ?.then((ok) =>
          settle(() =>
            ok
              ? resolve()
              : reject(new JobError("INTERNAL", "The parser could not start.", { retryable: false })),
          ),
        );
    });
  }

  private acquire(signal: AbortSignal): Promise<Worker> {
    if (this.closed) return Promise.reject(new JobCancelledError());
    const worker = this.idle.pop() ?? (this.busy.size < this.options.size ? this.spawn() : undefined);
    if (worker) {
      this.busy.add(worker);
      worker.ref();
      return Promise.resolve(worker);
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(handOver), 1);
        reject(new JobCancelledError());
      };
      const handOver = (free: Worker) => {
        signal.removeEventListener("abort", onAbort);
        this.busy.add(free);
        free.ref();
        resolve(free);
      };
      this.waiting.push(handOver);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private release(worker: Worker): void {
    this.busy.delete(worker);
    worker.unref();
    if (this.closed) {
      void worker.terminate();
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private discard(worker: Worker): void {
    this.busy.delete(worker);
    void worker.terminate();
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next(this.spawn());
  }
}
