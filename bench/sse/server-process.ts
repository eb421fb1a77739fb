/**
 * The server under test: the real entry (packages/backend/src/server.ts) in a child process on PORT=0,
 * with its file-descriptor limit raised to the hard limit, its port read from its start-up log line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../../packages/backend/src/server.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Log kept for an error message: the tail is enough. */
const LOG_TAIL_CHARS = 20_000;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Resident set size now, in bytes (from /proc). */
  rss(): number;
  log(): string;
  /** SIGTERM and wait (the server shuts down cleanly, writing a CPU profile if asked); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startServerProcess(options: {
  env: Record<string, string>;
  nodeFlags?: string[];
  /** Also append everything the server prints to this file. */
  logFile?: string | undefined;
}): Promise<ServerProcess> {
  const node = [process.execPath, ...(options.nodeFlags ?? []), "--import", "tsx", SERVER];
  // `exec` keeps the pid: the shell only raises the soft descriptor limit to the hard one first.
  const child = spawn("sh", ["-c", `ulimit -n "$(ulimit -Hn)" && exec "$@"`, "sh", ...node], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    cwd: REPO_ROOT,
  });
  let log = "";
  const file = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : null;
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_TAIL_CHARS);
    file?.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    const check = () => {
      const match = /"port":(\d+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off("data", check);
      resolve(Number(match[1]));
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  const pid = child.pid!;
  return {
    child,
    pid,
    port,
    rss: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
    },
    log: () => log,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The soft and hard limits on open files this process (and so its children) starts with. */
export function fileDescriptorLimits(): { soft: number; hard: number } {
  const limits = readFileSync("/proc/self/limits", "utf8");
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
  const value = (raw: string | undefined) =>
    raw === "unlimited" || !raw ? Number.MAX_SAFE_INTEGER : Number(raw);
  return { soft: value(match?.[1]), hard: value(match?.[2]) };
}
