/**
 * `bun run bench:ingest [--pg-url URL] [--upload-mb 50] [--concurrent 20] [--connections 64] [--clients 1]
 * [--seconds 5] [--rounds 3] [--parts cache,uploads,submissions] [--server FILE]`: the ingest path of the
 * real server (a child process on a fresh PostgreSQL database; --server runs another checkout's server.ts),
 * each speed against an anchor measured in the same run:
 *   cache hit    POST to completed for a PDF already extracted / the same for its first (cache-miss) run,
 *                and the SQL statements one such batch costs (counted by a proxy on the wire)
 *   uploads      MB/s of 50 MB multipart uploads, 1 and 20 at once, and the server's peak RSS / sha256sum
 *   submissions  1-URL JSON batches per second under many clients / GET /api/v1/health per second
 */
import { cpus } from "node:os";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { makeMeetPdf, meets, SWIMMER } from "@splitstream/extract/test-support/make-meet-pdf";
import { BenchScope } from "./bench-scope.ts";
import { measureCacheHits } from "./cache-hit.ts";
import { countCacheHitStatements } from "./cache-hit-statements.ts";
import { fixed, MB, median, ratio } from "./figures.ts";
import { OtherLoad } from "./other-load.ts";
import { LoadClients, type RateFigures } from "./request-rate.ts";
import { SERVER_ENTRY, type ServerChild, startServer } from "./server-child.ts";
import { StatementCounter } from "./statement-counter.ts";
import { measureUploads } from "./upload-throughput.ts";

const { values } = parseArgs({
  options: {
    "pg-url": { type: "string" },
    "upload-mb": { type: "string", default: "50" },
    concurrent: { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
    clients: { type: "string", default: "1" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    server: { type: "string", default: SERVER_ENTRY },
    parts: { type: "string", default: "cache,uploads,submissions" },
  },
});
const uploadMb = Number(values["upload-mb"]);
const concurrent = Number(values.concurrent);
const connections = Number(values.connections);
const clientCount = Number(values.clients);
const durationMs = Number(values.seconds) * 1000;
const rounds = Number(values.rounds);
const entry = resolve(values.server!);
const parts = new Set(values.parts!.split(","));
// The swimmer of the fixture meets: an invented name, never one from the real-results corpus.
const swimmerName = SWIMMER;
const AIM_PER_SECOND = 2000;
const COMPETITOR_PER_SECOND = 650;

const scope = await BenchScope.open(
  values["pg-url"]
    ? [values["pg-url"]]
    : ["postgres://postgres@127.0.0.1:5432/postgres", "postgres://root@127.0.0.1:5432/postgres"],
);
let server: ServerChild | undefined;
let counter: StatementCounter | undefined;
let exitCode = 0;
/** Runs a part and measures how much of the machine other processes took meanwhile. */
async function amidOtherLoad<T>(work: () => Promise<T>): Promise<{ value: T; other: string }> {
  const probe = await OtherLoad.begin(scope);
  const value = await work();
  return { value, other: `other processes used ${fixed(await probe.end(), 0)}% of the machine` };
}
try {
  console.log(
    `${cpus().length} cores, node ${process.version}, database ${scope.databaseName}, server ${relative(process.cwd(), entry)} (NODE_ENV=production, LOG_LEVEL=info)`,
  );

  if (parts.has("cache")) {
    // Cache hits run first, on an instance with workers: the later parts queue jobs no worker may pick up.
    // The times are taken on a server connected straight to the database; the statements are counted
    // afterwards on a second server that reaches it through a counting proxy (the proxy runs in this
    // process, so it would add its own hops to the times).
    server = await startServer(scope, { WORKER_CONCURRENCY: "2" }, entry);
    const pdfs = await Promise.all(
      Object.entries(meets).map(async ([name, meet]) => ({
        name: `${name}.pdf`,
        bytes: new Uint8Array(await makeMeetPdf(meet)),
      })),
    );
    const { value: cacheRounds, other } = await amidOtherLoad(() =>
      measureCacheHits(server!, swimmerName, pdfs),
    );
    await server.stop();
    const database = new URL(scope.databaseUrl);
    counter = await StatementCounter.start({ host: database.hostname, port: Number(database.port || 5432) });
    server = await startServer(
      scope,
      { WORKER_CONCURRENCY: "2", DATABASE_URL: counter.through(scope.databaseUrl) },
      entry,
    );
    const statementRounds = [];
    for (const pdf of pdfs)
      statementRounds.push(await countCacheHitStatements(server, scope, counter, swimmerName, pdf));
    await server.stop();
    await counter.stop();
    const missMs = median(cacheRounds.map((r) => r.missMs));
    const hitMs = median(cacheRounds.flatMap((r) => r.hits.map((hit) => hit.ms)));
    console.log(
      `\nCache hit: one-PDF batch, POST /api/v1/batches until GET shows it completed (WORKER_CONCURRENCY=2; ${other})`,
    );
    for (const r of cacheRounds)
      console.log(
        `  ${r.name.padEnd(11)} first (miss) ${fixed(r.missMs).padStart(7)} ms   ${r.hits.length} hits, median ${fixed(median(r.hits.map((hit) => hit.ms))).padStart(6)} ms (POST answered at ${fixed(median(r.hits.map((hit) => hit.postMs)))} ms)`,
      );
    console.log(
      "  (the very first includes starting the extraction thread; the medians take every run)\n" +
        `  median: cache miss ${fixed(missMs)} ms (anchor), cache hit ${fixed(hitMs)} ms`,
    );
    console.log(
      `  ratio (hit / miss time): ${ratio(hitMs / missMs)}  (a hit takes ${fixed((100 * hitMs) / missMs, 0)}% of a miss's time)`,
    );
    console.log(
      "\nStatements per cache-hit batch of one PDF, counted on the wire from POST until completed, the idle\n" +
        "server's polls and heartbeats over the same time taken off, and of them the job's own, from its claim\n" +
        "to the worker slot's next claim (aim: at most 10 per job):",
    );
    for (const [index, round] of statementRounds.entries())
      console.log(
        `  ${pdfs[index]!.name.padEnd(11)} ${String(round.perJob).padStart(3)}  (${round.counted} counted, ${round.idle} idle), the job ${round.fromClaim}`,
      );
    console.log(
      `  median: ${median(statementRounds.map((round) => round.perJob))} per batch, ${median(statementRounds.map((round) => round.fromClaim))} per job; the last one, by statement:`,
    );
    for (const [text, count] of statementRounds.at(-1)!.byStatement)
      console.log(
        `    ${String(count).padStart(3)}  ${text.length > 110 ? `${text.slice(0, 107)}...` : text}`,
      );
    const last = statementRounds.at(-1)!;
    console.log(
      `  and in the order sent, ms after the POST (the bench saw it completed at ${fixed(last.completedAtMs)} ms):`,
    );
    for (const { atMs, text } of last.timeline)
      console.log(`    ${fixed(atMs).padStart(7)}  ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`);
  }

  if (parts.has("uploads")) {
    server = await startServer(
      scope,
      { WORKER_CONCURRENCY: "0", MAX_FILE_MB: String(Math.ceil(uploadMb * 1.25)) },
      entry,
    );
    const { value: uploads, other } = await amidOtherLoad(() =>
      measureUploads(server!, { sizeBytes: uploadMb * MB, concurrent, rounds, swimmerName, dir: scope.dir }),
    );
    await server.stop();
    console.log(
      `\nUploads: ${fixed(uploads.sizeMb, 0)} MB multipart PDFs to POST /api/v1/batches (WORKER_CONCURRENCY=0; 1 MB = 2^20 bytes; ${other})`,
    );
    console.log(`  sha256sum of the same bytes (anchor): ${fixed(uploads.anchorMbps)} MB/s`);
    console.log(`  server RSS when idle: ${fixed(uploads.idleRssMb)} MB`);
    console.log(
      `  1 upload:    ${fixed(uploads.single.mbps).padStart(7)} MB/s (median of ${uploads.single.secondsEach.length}: ${uploads.single.secondsEach.map((s) => `${fixed(s, 2)} s`).join(", ")})  ratio ${ratio(uploads.single.mbps / uploads.anchorMbps)}  peak RSS ${fixed(uploads.single.rss.peakMb)} MB (${uploads.single.rss.source})`,
    );
    console.log(
      `  ${String(uploads.concurrent.uploads).padStart(2)} at once:  ${fixed(uploads.concurrent.mbps).padStart(7)} MB/s (all in ${fixed(uploads.concurrent.seconds, 2)} s)  ratio ${ratio(uploads.concurrent.mbps / uploads.anchorMbps)}  peak RSS ${fixed(uploads.concurrent.rss.peakMb)} MB (${uploads.concurrent.rss.source})`,
    );
    // Flush the uploads' dirty pages now, not in the middle of the submission rounds.
    await scope.sql("checkpoint");
  }

  if (parts.has("submissions")) {
    server = await startServer(scope, { WORKER_CONCURRENCY: "0" }, entry);
    const clients = await LoadClients.start(scope, clientCount);
    const health = { url: `${server.baseUrl}/api/v1/health`, method: "GET" as const };
    const submit = {
      url: `${server.baseUrl}/api/v1/batches`,
      method: "POST" as const,
      body: JSON.stringify({ swimmerName, urls: ["https://example.com/x.pdf"] }),
    };
    const load = { connections, warmupMs: 1500, durationMs };
    // A short pass of each first: JIT, connection pools and the clients' sockets warm up.
    await clients.measure(health, { ...load, durationMs: 1000 });
    await clients.measure(submit, { ...load, durationMs: 1000 });
    const runs: { health: RateFigures; submit: RateFigures; other: string }[] = [];
    for (let round = 0; round < rounds; round++) {
      const { value, other } = await amidOtherLoad(async () => ({
        health: await clients.measure(health, load),
        submit: await clients.measure(submit, load),
      }));
      runs.push({ ...value, other });
    }
    await clients.stop();
    await server.stop();
    console.log(
      `\nSubmissions: 1-URL JSON batches, POST /api/v1/batches, ${connections} keep-alive connections from ${clientCount} client process(es), ${rounds} x ${durationMs / 1000} s each (WORKER_CONCURRENCY=0, PostgreSQL)`,
    );
    const describe = (label: string, run: RateFigures) =>
      `    ${label} ${fixed(run.perSecond, 0).padStart(6)}/s  p50 ${fixed(run.p50Ms)} ms  p99 ${fixed(run.p99Ms)} ms  statuses ${JSON.stringify(run.statuses)}`;
    runs.forEach((run, round) => {
      console.log(
        `  round ${round + 1} (${run.other}): ratio ${ratio(run.submit.perSecond / run.health.perSecond)}`,
      );
      console.log(describe("GET /health (anchor):", run.health));
      console.log(describe("POST /batches:       ", run.submit));
    });
    const failed = runs
      .flatMap((run) => [run.health, run.submit])
      .find((run) => Object.keys(run.statuses).some((status) => !/^2/.test(status)));
    if (failed) {
      console.log(`  failed answers, e.g. ${failed.sampleFailure ?? JSON.stringify(failed.statuses)}`);
      exitCode = 1;
    }
    const healthRate = median(runs.map((run) => run.health.perSecond));
    const submitRate = median(runs.map((run) => run.submit.perSecond));
    console.log(
      `  median: GET /health ${fixed(healthRate, 0)}/s (anchor), POST /batches ${fixed(submitRate, 0)}/s`,
    );
    console.log(`  ratio (submissions / health requests): ${ratio(submitRate / healthRate)}`);
    console.log(
      `  aim: more than ${AIM_PER_SECOND}/s (${submitRate > AIM_PER_SECOND ? "met" : "NOT met"} on this machine); the competitor claims ${COMPETITOR_PER_SECOND}/s`,
    );
  }
} catch (error) {
  if (scope.interrupted) exitCode = 130;
  else {
    console.error(error instanceof Error ? error.message : error);
    if (server) console.error(`server output (tail):\n${server.output().slice(-4000)}`);
    exitCode = 1;
  }
} finally {
  await counter?.stop().catch(() => {});
  await scope.close();
}
process.exit(exitCode);
