/** Runs the real server entry (packages/backend/src/server.ts) as a child process on the run's database. */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchScope } from "./bench-scope.ts";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SERVER_ENTRY = join(REPO_ROOT, "packages/backend/src/server.ts");
const KEEP_OUTPUT_CHARS = 64 * 1024;

export interface ServerChild {
  pid: number;
  baseUrl: string;
  port: number;
  /** The tail of what the server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

/** BENCH_SERVER_NODE_ARGS (say "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load. */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
}

export async function startServer(
  scope: BenchScope,
  env: Record<string, string>,
  entry: string = SERVER_ENTRY,
): Promise<ServerChild> {
  const tempDir = join(scope.dir, "temp");
  mkdirSync(tempDir, { recursive: true });
  const child = scope.track(
    spawn(process.execPath, [...serverNodeArgs(), "--import", "tsx", entry], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        DATABASE_URL: scope.databaseUrl,
        DATA_DIR: join(scope.dir, "data"),
        TEMP_DIR: tempDir,
        SHUTDOWN_GRACE_MS: "3000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let output = "";
  // Always drain the pipes: a full pipe would stall the server's logger.
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * KEEP_OUTPUT_CHARS) output = output.slice(-KEEP_OUTPUT_CHARS);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("the server did not start within 60 s")), 60_000);
    const onExit = (code: number | null) => fail(new Error(`the server exited with ${code}`));
    const check = () => {
      const match = /"port":(\d+)/.exec(output);
      if (!match) return;
      done();
      resolve(Number(match[1]));
    };
    const fail = (error: Error) => {
      done();
      reject(new Error(`${error.message}:\n${output}`));
    };
    const done = () => {
      clearTimeout(timer);
      child.stdout.off("data", check);
      child.off("exit", onExit);
    };
    child.stdout.on("data", check);
    child.once("exit", onExit);
  });
  if (child.pid === undefined) throw new Error("the server has no pid");
  return {
    pid: child.pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => scope.stop(child),
  };
}
