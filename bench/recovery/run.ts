/**
 * `bun run bench:recovery [--pdf FILE] [--pg-url URL]`: how long a batch waits when the instance parsing
 * it is killed with `kill -9`, on PostgreSQL with two real server processes and the default settings.
 * Instance A parses a large corpus PDF for one batch while a second batch of the same PDF waits on A's
 * extraction claim; B starts, A is killed mid-parse, and B finishes both. Printed: the time from the kill
 * to both batches done against JOB_LEASE_MS + B's parse time + 5 s (the aim: within it), and how many
 * progress events in the ledger repeat the one before them for the same job (the aim: none).
 * Prints figures; asserts nothing.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "@splitstream/backend/config";
import { openDatabase } from "@splitstream/backend/database";
import { batchEvents, batchJobs } from "@splitstream/backend/schema";
import { CORPUS_DIR } from "@splitstream/extract/accuracy/corpus-dir";
import { SWIMMER } from "@splitstream/extract/test-support/make-meet-pdf";
import type { BatchWithJobs } from "@splitstream/shared";
import { asc, inArray } from "drizzle-orm";
import { BenchScope } from "../ingest/bench-scope.ts";
import { startServer } from "../ingest/server-child.ts";

const { values } = parseArgs({
  options: {
    pdf: { type: "string", default: join(CORPUS_DIR, "pdf/splash/EURO_MEET_2018.pdf") },
    "pg-url": { type: "string" },
  },
});
const pdfPath = resolve(values.pdf!);
if (!existsSync(pdfPath)) {
  console.error(
    `\n*** NO PDF at ${pdfPath}: pass --pdf with a large results PDF (or set CORPUS_DIR). Skipped. ***\n`,
  );
  process.exit(0);
}
const defaults = parseConfig({});
const pdf = new Uint8Array(await readFile(pdfPath));

const scope = await BenchScope.open(
  values["pg-url"]
    ? [values["pg-url"]]
    : ["postgres://postgres@127.0.0.1:5432/postgres", "postgres://root@127.0.0.1:5432/postgres"],
);
let exitCode = 0;
try {
  // The first start migrates the database; B starts once A has something to lose.
  const doomed = await startServer(scope, {});
  const submit = async () => {
    const form = new FormData();
    form.set("swimmerName", SWIMMER);
    form.append("files", new Blob([pdf], { type: "application/pdf" }), basename(pdfPath));
    const res = await fetch(`${doomed.baseUrl}/api/v1/batches`, { method: "POST", body: form });
    if (res.status !== 201)
      throw new Error(`POST /api/v1/batches answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as BatchWithJobs).id;
  };
  const parsing = await submit();
  const waiting = await submit();
  const batchOf = async (baseUrl: string, id: string) =>
    (await (await fetch(`${baseUrl}/api/v1/batches/${id}`)).json()) as BatchWithJobs;
  await until(async () =>
    /^Reading page/.test((await batchOf(doomed.baseUrl, parsing)).jobs[0]?.progressMessage ?? ""),
  );
  const survivor = await startServer(scope, {});
  await until(async () =>
    /^Reading page [1-9]/.test((await batchOf(doomed.baseUrl, parsing)).jobs[0]?.progressMessage ?? ""),
  );

  process.kill(doomed.pid, "SIGKILL");
  const killedAt = performance.now();
  await until(
    async () =>
      (await Promise.all([parsing, waiting].map((id) => batchOf(survivor.baseUrl, id)))).every(
        (batch) => batch.status === "completed",
      ),
    600_000,
  );
  const recoveredSeconds = (performance.now() - killedAt) / 1000;

  const database = await openDatabase({ databaseUrl: scope.databaseUrl, dataDir: "unused" });
  const jobs = await database.db
    .select({
      id: batchJobs.id,
      parseMs: batchJobs.parseMs,
      cached: batchJobs.cached,
      attempts: batchJobs.attempts,
    })
    .from(batchJobs)
    .where(inArray(batchJobs.batchId, [parsing, waiting]));
  const events = await database.db
    .select({ type: batchEvents.type, data: batchEvents.data })
    .from(batchEvents)
    .where(inArray(batchEvents.batchId, [parsing, waiting]))
    .orderBy(asc(batchEvents.batchId), asc(batchEvents.seq));
  await database.close();
  await survivor.stop();

  const parseSeconds = Math.max(0, ...jobs.map((job) => (job.cached ? 0 : (job.parseMs ?? 0) / 1000)));
  const boundSeconds = defaults.JOB_LEASE_MS / 1000 + parseSeconds + 5;
  const last = new Map<string, string>();
  let repeated = 0;
  let progress = 0;
  for (const { type, data } of events) {
    const event = data as { jobId?: string; message?: string };
    if (!event.jobId) continue;
    // Another event of the job between (a stage, a new attempt) makes the next message news again.
    if (type !== "job.progress") {
      last.delete(event.jobId);
      continue;
    }
    progress++;
    if (last.get(event.jobId) === event.message) {
      repeated++;
      console.log(`repeated: ${event.message}`);
    }
    last.set(event.jobId, event.message ?? "");
  }
  console.log(
    `${basename(pdfPath)}, ${(pdf.byteLength / 1e6).toFixed(1)} MB; two batches of it; PostgreSQL; default settings`,
  );
  console.log(
    `JOB_LEASE_MS ${defaults.JOB_LEASE_MS} ms, EXTRACTION_TIMEOUT_MS ${defaults.EXTRACTION_TIMEOUT_MS} ms, WORKER_CONCURRENCY ${defaults.WORKER_CONCURRENCY}`,
  );
  console.log(
    `jobs after: ${jobs.map((job) => `${job.cached ? "cached" : `parsed in ${((job.parseMs ?? 0) / 1000).toFixed(1)} s`} (attempt ${job.attempts})`).join(", ")}`,
  );
  console.log(
    `kill -9 to both batches done: ${recoveredSeconds.toFixed(1)} s; bound (lease + parse + 5 s) ${boundSeconds.toFixed(1)} s; ratio ${(recoveredSeconds / boundSeconds).toFixed(2)} (aim: at most 1)`,
  );
  console.log(
    `progress events in the ledger: ${progress}, repeating the one before for the same job: ${repeated} (aim: 0)`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await scope.close();
}
process.exit(exitCode);

async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
