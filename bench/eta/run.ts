/**
 * `bun run bench:eta [--corpus DIR] [--batches 8,12,50] [--workers 2] [--every-ms 250]`: how true the
 * batch ETA is. Batches of real corpus PDFs go through the real pipeline (PGlite, the worker pool, its
 * parser threads) one after another on one fresh service, the first with nothing measured yet; the ETA
 * of GET /progress is sampled all along, and the one shown at 10%, 25% and 50% of the batch's real time
 * is printed against the real time left, as a ratio (1 = exact; the aim is within 2x: 0.5 to 2).
 * Batches: the first two spread over the corpus (distinct files), the last the smallest files (some
 * of them read before: cache hits). Prints figures; asserts nothing.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "@splitstream/backend/app";
import { parseConfig } from "@splitstream/backend/config";
import { openDatabase } from "@splitstream/backend/database";
import { BatchEventBus } from "@splitstream/backend/event-bus";
import { createLogger } from "@splitstream/backend/logger";
import { migrateDatabase } from "@splitstream/backend/migrate";
import { StreamAdmission } from "@splitstream/backend/stream-admission";
import { WorkerPool } from "@splitstream/backend/worker-pool";
import { CORPUS_DIR, corpusAvailable } from "@splitstream/extract/accuracy/corpus-dir";
import { SWIMMER } from "@splitstream/extract/test-support/make-meet-pdf";
import type { BatchProgress, BatchWithJobs } from "@splitstream/shared";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: CORPUS_DIR },
    batches: { type: "string", default: "8,12,50" },
    workers: { type: "string", default: "2" },
    "every-ms": { type: "string", default: "250" },
  },
});
const corpus = resolve(values.corpus!);
const sizes = values.batches!.split(",").map(Number);
const everyMs = Number(values["every-ms"]);
const CHECKPOINTS = [0.1, 0.25, 0.5];

if (!corpusAvailable(corpus)) {
  console.error(
    `\n*** NO CORPUS at ${corpus}: the ETA benchmark needs real results PDFs (set CORPUS_DIR). Skipped. ***\n`,
  );
  process.exit(0);
}

interface CorpusFile {
  path: string;
  bytes: number;
  /** From the corpus MANIFEST.tsv; 0 when it does not say. */
  pages: number;
}
const manifestPages = new Map(
  readFileSync(join(corpus, "MANIFEST.tsv"), "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .map(([file, , , pages]) => [file ?? "", Number(pages) || 0] as const),
);
const files: CorpusFile[] = readdirSync(join(corpus, "pdf"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".pdf"))
  .sort()
  .map((f) => ({
    path: join(corpus, "pdf", f),
    bytes: statSync(join(corpus, "pdf", f)).size,
    pages: manifestPages.get(`pdf/${f}`) ?? 0,
  }));

/** The batches: spread picks of distinct files, and the smallest files last (read before or not). */
function chooseBatches(): CorpusFile[][] {
  const unused = [...files];
  return sizes.map((size, index) => {
    if (index === sizes.length - 1 && sizes.length > 1)
      return [...files].sort((a, b) => a.bytes - b.bytes).slice(0, size);
    const step = Math.max(1, Math.floor(unused.length / size));
    const picked = Array.from({ length: Math.min(size, unused.length) }, (_, i) => unused[i * step]!);
    for (const file of picked) unused.splice(unused.indexOf(file), 1);
    return picked;
  });
}

const config = parseConfig({
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  WORKER_CONCURRENCY: values.workers!,
  MAX_SOURCES_PER_BATCH: String(Math.max(50, ...sizes)),
});
const logger = createLogger("silent");
const database = await openDatabase({ dataDir: "memory://" });
await migrateDatabase(database);
const app = createApp({
  database,
  config,
  logger,
  clock: () => new Date(),
  version: "bench",
  eventBus: new BatchEventBus({ database, logger }),
  streamAdmission: new StreamAdmission({ maxPerIp: 10, maxTotal: 10 }),
});
const pool = new WorkerPool({ database, config, logger });
await pool.start();
// Thread start-up is not the batch's: wait until every parser is warm.
await pool.parser.loaded();

interface Sample {
  at: number;
  eta: number | null;
  basis: BatchProgress["etaBasis"];
}

async function runBatch(batch: CorpusFile[]) {
  const form = new FormData();
  form.set("swimmerName", SWIMMER);
  for (const file of batch)
    form.append(
      "files",
      new Blob([await readFile(file.path)], { type: "application/pdf" }),
      basename(file.path),
    );
  const submitted = performance.now();
  const res = await app.request("/api/v1/batches", { method: "POST", body: form });
  if (res.status !== 201) throw new Error(`POST /batches answered ${res.status}: ${await res.text()}`);
  const created = (await res.json()) as BatchWithJobs;
  // Time 0 is when the batch exists; the upload itself is not what the ETA forecasts.
  const start = performance.now();
  const samples: Sample[] = [];
  for (;;) {
    const progress = (await (
      await app.request(`/api/v1/batches/${created.id}/progress`)
    ).json()) as BatchProgress;
    const at = (performance.now() - start) / 1000;
    if (progress.counts.pending + progress.counts.running === 0 && progress.percentage === 100) {
      return { id: created.id, seconds: at, samples, uploadSeconds: (start - submitted) / 1000 };
    }
    samples.push({ at, eta: progress.etaSeconds, basis: progress.etaBasis });
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);
console.log(
  `${files.length} corpus PDFs; ${cpus().length} cores (load ${loadavg()
    .map((l) => fmt(l))
    .join(" ")}); ` + `${config.WORKER_CONCURRENCY} workers; PGlite; ETA sampled every ${everyMs} ms`,
);
const worst: number[] = [];
let batchNumber = 0;
for (const batch of chooseBatches()) {
  batchNumber++;
  const run = await runBatch(batch);
  const view = (await (await app.request(`/api/v1/batches/${run.id}`)).json()) as BatchWithJobs;
  const pages = batch.reduce((total, file) => total + file.pages, 0);
  const cached = view.jobs.filter((job) => job.cached).length;
  const firstDone = Math.min(
    ...view.jobs.flatMap((job) => (job.completedAt ? [Date.parse(job.completedAt)] : [])),
  );
  const firstSeconds = (firstDone - Date.parse(view.createdAt)) / 1000;
  const firstEta = run.samples.find((s) => s.eta !== null);
  console.log(
    `\nBatch ${batchNumber}: ${batch.length} PDFs, ${pages} pages, ${fmt(batch.reduce((t, f) => t + f.bytes, 0) / 1e6)} MB, ` +
      `${cached} from the cache${batchNumber === 1 ? ", on a service that had measured nothing" : ""}; ` +
      `took ${fmt(run.seconds)} s (upload ${fmt(run.uploadSeconds, 2)} s before that)`,
  );
  console.log(
    `  first ETA shown at ${firstEta ? `${fmt(firstEta.at)} s (${fmt(firstEta.eta!)} s)` : "never"}; ` +
      `first file finished at ${Number.isFinite(firstSeconds) ? `${fmt(firstSeconds)} s` : "?"}`,
  );
  for (const checkpoint of CHECKPOINTS) {
    const sample = run.samples.find((s) => s.at >= checkpoint * run.seconds && s.eta !== null);
    if (!sample) {
      console.log(`  at ${fmt(checkpoint * 100, 0).padStart(2)}%: no ETA shown`);
      worst.push(Number.POSITIVE_INFINITY);
      continue;
    }
    const real = run.seconds - sample.at;
    const ratio = sample.eta! / real;
    worst.push(Math.max(ratio, 1 / ratio));
    const basis = sample.basis;
    console.log(
      `  at ${fmt(checkpoint * 100, 0).padStart(2)}% (${fmt(sample.at).padStart(5)} s): ETA ${fmt(sample.eta!).padStart(6)} s, ` +
        `real ${fmt(real).padStart(6)} s, ratio ${fmt(ratio, 2)}` +
        (basis
          ? `  [${basis.pagesPerSecond ?? "?"} pages/s a worker, ${basis.pagesLeft} pages left, ${basis.workers} workers]`
          : ""),
    );
  }
}
const worstFactor = Math.max(...worst);
console.log(
  `\nWorst factor over all checkpoints: ${fmt(worstFactor, 2)}x (aim: within 2x)` +
    `  load now ${loadavg()
      .map((l) => fmt(l))
      .join(" ")}`,
);
await pool.stop(5000);
await database.close();
