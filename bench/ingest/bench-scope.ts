/**
 * Owns what one benchmark run creates — a fresh PostgreSQL database, a temporary directory and every child
 * process — and releases all of it at the end, on an error and on Ctrl-C.
 */
import { type ChildProcess, execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** The server's own shutdown grace is short in the benchmark; past this a child is killed. */
const STOP_GRACE_MS = 8000;

export class BenchScope {
  private readonly children = new Set<ChildProcess>();
  private closing: Promise<void> | undefined;
  private closed = false;
  /** Set on Ctrl-C / SIGTERM: the main flow's errors after it are only the interruption's echo. */
  interrupted = false;

  private constructor(
    private readonly adminUrl: string,
    readonly databaseName: string,
    readonly databaseUrl: string,
    readonly dir: string,
  ) {}

  /** Creates the database (`create database bench_ingest_<random>`; the server migrates it) and the directory. */
  static async open(adminUrls: readonly string[]): Promise<BenchScope> {
    const adminUrl = await firstAnswering(adminUrls);
    const databaseName = `bench_ingest_${randomBytes(6).toString("hex")}`;
    const dir = mkdtempSync(join(tmpdir(), "splitstream-bench-ingest-"));
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    const scope = new BenchScope(adminUrl, databaseName, url.toString(), dir);
    scope.installExitHandlers();
    try {
      await psql(adminUrl, `create database ${databaseName}`);
    } catch (error) {
      await scope.close();
      throw error;
    }
    return scope;
  }

  /** Registers a child so that close() (and Ctrl-C) ends it. */
  track<T extends ChildProcess>(child: T): T {
    this.children.add(child);
    child.once("exit", () => this.children.delete(child));
    return child;
  }

  /** Ends a child politely (SIGTERM), then by force; resolves once it has exited. */
  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Runs one SQL command on the server's admin database (e.g. `checkpoint`). */
  async sql(command: string): Promise<void> {
    await psql(this.adminUrl, command);
  }

  /** One value read from the run's own database (psql, unaligned): the bench's reads bypass the server. */
  async readValue(query: string): Promise<string> {
    const { stdout } = await run("psql", [...psqlArgs(this.databaseUrl, query), "-At"]);
    return stdout.trim();
  }

  /** The server processes of PostgreSQL connected to the run's database. */
  async backendPids(): Promise<number[]> {
    const { stdout } = await run("psql", [
      ...psqlArgs(this.adminUrl, `select pid from pg_stat_activity where datname = '${this.databaseName}'`),
      "-At",
    ]);
    return stdout.split("\n").filter(Boolean).map(Number);
  }

  /** Safe to call more than once (Ctrl-C and the main flow's `finally` both do): all wait for the same work. */
  close(): Promise<void> {
    this.closing ??= this.release();
    return this.closing;
  }

  private async release(): Promise<void> {
    await Promise.all([...this.children].map((child) => this.stop(child)));
    await psql(this.adminUrl, `drop database if exists ${this.databaseName} with (force)`).catch((error) =>
      console.error(`could not drop database ${this.databaseName}: ${(error as Error).message}`),
    );
    rmSync(this.dir, { recursive: true, force: true });
    this.closed = true;
  }

  private installExitHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.interrupted = true;
      console.error(`\n${signal}: stopping the server, dropping ${this.databaseName}, removing ${this.dir}`);
      void this.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    // Last resort when the process exits without close() having finished (an uncaught error).
    process.once("exit", () => {
      for (const child of this.children) child.kill("SIGKILL");
      if (this.closed) return;
      try {
        execFileSync(
          "psql",
          psqlArgs(this.adminUrl, `drop database if exists ${this.databaseName} with (force)`),
          {
            stdio: "ignore",
          },
        );
      } catch {}
      rmSync(this.dir, { recursive: true, force: true });
    });
  }
}

function psqlArgs(url: string, command: string): string[] {
  return ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command];
}

async function psql(url: string, command: string): Promise<void> {
  await run("psql", psqlArgs(url, command));
}

async function firstAnswering(urls: readonly string[]): Promise<string> {
  const failures: string[] = [];
  for (const url of urls) {
    try {
      await psql(url, "select 1");
      return url;
    } catch (error) {
      const { code, stderr } = error as { code?: string; stderr?: string };
      if (code === "ENOENT") throw new Error("psql not found: apt-get install -y postgresql-client");
      failures.push(`${url}: ${(stderr ?? String(error)).trim()}`);
    }
  }
  throw new Error(`no PostgreSQL server answers:\n  ${failures.join("\n  ")}`);
}
