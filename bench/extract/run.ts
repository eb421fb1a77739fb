/**
 * `bun run bench:extract [--corpus DIR]`: pages per second of our extractor over the corpus on both
 * cores, against `pdftotext -layout` (poppler) over the same files in the same run, and their ratio;
 * then the peak memory (RSS) of an instance's two warm parser threads reading the largest PDFs.
 */
import { execFile } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { CORPUS_DIR } from "@splitstream/extract/accuracy/corpus-dir";
import { extractAll } from "@splitstream/extract/accuracy/extract-pool";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: CORPUS_DIR },
    concurrency: { type: "string", default: "2" },
    /** How many of the largest PDFs the memory part reads, one after another. */
    largest: { type: "string", default: "6" },
  },
});
const corpus = resolve(values.corpus!);
const concurrency = Number(values.concurrency);
const files = readdirSync(join(corpus, "pdf"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".pdf"))
  .map((f) => join(corpus, "pdf", f))
  .sort();

try {
  await run("pdftotext", ["-v"]);
} catch {
  console.error("pdftotext not found: apt-get install -y poppler-utils");
  process.exit(2);
}

async function pageCount(file: string): Promise<number> {
  const { stdout } = await run("pdfinfo", [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
}

/** Runs `task` over the files with `concurrency` in flight; returns wall seconds. */
async function timed(task: (file: string) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < files.length) await task(files[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

const pages = (await Promise.all(files.map(pageCount))).reduce((a, b) => a + b, 0);
console.log(`${files.length} PDFs, ${pages} pages, ${concurrency} processes each`);

// Our extractor: child processes running extractMeet (text layer, classification, parsing).
const oursStarted = performance.now();
const replies = await extractAll(files, { concurrency, timeoutMs: 300_000 });
const ours = (performance.now() - oursStarted) / 1000;
const outcomes = new Map<string, number>();
for (const r of replies) {
  const key = r.ok ? "ok" : r.code;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

const poppler = await timed((file) =>
  run("pdftotext", ["-layout", file, "-"], { maxBuffer: 256 * 1024 * 1024 }),
);

const oursRate = pages / ours;
const popplerRate = pages / poppler;
console.log(
  `splitstream extractMeet: ${ours.toFixed(1)} s, ${oursRate.toFixed(1)} pages/s (outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")})`,
);
console.log(`pdftotext -layout:       ${poppler.toFixed(1)} s, ${popplerRate.toFixed(1)} pages/s`);
console.log(
  `ratio (ours / pdftotext): ${(oursRate / popplerRate).toFixed(3)}  (pdftotext is ${(popplerRate / oursRate).toFixed(1)}x faster)`,
);

const largest = [...files]
  .sort((a, b) => statSync(b).size - statSync(a).size)
  .slice(0, Number(values.largest));
// Memory, in a fresh process: this one still holds every output of the run above.
const rss = await run(
  process.execPath,
  ["--import", "tsx", fileURLToPath(new URL("./parser-threads-rss.ts", import.meta.url)), ...largest],
  { maxBuffer: 1024 * 1024 },
);
process.stdout.write(rss.stdout);
