/** Runs extractMeet over many PDFs in N child processes (one per core), with a per-file time limit. */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ExtractionOutput } from "@splitstream/shared";

export interface PoolRequest {
  id: number;
  file: string;
  validate: boolean;
}

export type PoolReply =
  | { id: number; file: string; ok: true; output: ExtractionOutput; ms: number }
  | { id: number; file: string; ok: false; code: string; message: string; ms: number };

const WORKER = fileURLToPath(new URL("./extract-worker.ts", import.meta.url));

export interface PoolOptions {
  concurrency?: number;
  /** Per-file limit; a worker that exceeds it is killed and replaced. */
  timeoutMs?: number;
  validate?: boolean;
}

/** Extracts every file, calling onResult as each finishes; resolves with all replies in input order. */
export async function extractAll(
  files: string[],
  options: PoolOptions = {},
  onResult?: (reply: PoolReply) => void,
): Promise<PoolReply[]> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, files.length));
  const timeoutMs = options.timeoutMs ?? 180_000;
  const results: PoolReply[] = new Array(files.length);
  // Largest files first, so that no lane is left with a big file while the others sit idle.
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  const order = files.map((_, id) => id).sort((a, b) => size(files[b]!) - size(files[a]!));
  let next = 0;

  const spawn = (): ChildProcess =>
    fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });

  const lane = async (): Promise<void> => {
    let child = spawn();
    try {
      while (next < files.length) {
        const id = order[next++]!;
        const file = files[id]!;
        const reply = await new Promise<PoolReply>((resolve) => {
          const started = performance.now();
          const timer = setTimeout(() => {
            child.removeAllListeners("message");
            child.removeAllListeners("exit");
            child.kill("SIGKILL");
            child = spawn();
            resolve({
              id,
              file,
              ok: false,
              code: "EXTRACTION_TIMEOUT",
              message: `over ${timeoutMs} ms`,
              ms: timeoutMs,
            });
          }, timeoutMs);
          child.once("message", (message: PoolReply) => {
            clearTimeout(timer);
            child.removeAllListeners("exit");
            resolve(message);
          });
          child.once("exit", (code) => {
            clearTimeout(timer);
            child.removeAllListeners("message");
            child = spawn();
            resolve({
              id,
              file,
              ok: false,
              code: "WORKER_DIED",
              message: `exit ${code}`,
              ms: performance.now() - started,
            });
          });
          child.send({ id, file, validate: options.validate ?? false } satisfies PoolRequest);
        });
        results[id] = reply;
        onResult?.(reply);
      }
    } finally {
      child.removeAllListeners();
      child.kill();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}
