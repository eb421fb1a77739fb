/**
 * `bun run fuzz:extract [--corpus DIR] [--count 200] [--seed N]`: damages corpus PDFs (byte flips,
 * truncation, a deleted xref) and extracts each in the pool's child processes, which are killed on a
 * time limit; every case must end in an output or a known error code, never a crash or a hang.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CORPUS_DIR } from "@splitstream/extract/accuracy/corpus-dir";
import { extractAll } from "@splitstream/extract/accuracy/extract-pool";
import { MUTATIONS, mutatePdf, prng } from "@splitstream/extract/test-support/mutate-pdf";
import { JOB_ERROR_CODES } from "@splitstream/shared";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: CORPUS_DIR },
    count: { type: "string", default: "200" },
    seed: { type: "string", default: "20311124" },
    "timeout-ms": { type: "string", default: "60000" },
  },
});
const corpus = resolve(values.corpus!);
const sources = readdirSync(join(corpus, "pdf"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".pdf"))
  .sort();
const random = prng(Number(values.seed));
const dir = mkdtempSync(join(tmpdir(), "extract-fuzz-"));
const cases: { file: string; label: string }[] = [];
for (let i = 0; i < Number(values.count); i++) {
  const source = sources[Math.floor(random() * sources.length)]!;
  const mutation = MUTATIONS[i % MUTATIONS.length]!;
  const file = join(dir, `${i}.pdf`);
  writeFileSync(file, mutatePdf(random, new Uint8Array(readFileSync(join(corpus, "pdf", source))), mutation));
  cases.push({ file, label: `#${i} ${mutation} ${source}` });
}

const started = performance.now();
const replies = await extractAll(
  cases.map((c) => c.file),
  { concurrency: 2, timeoutMs: Number(values["timeout-ms"]), validate: true },
);
const known = new Set<string>(JOB_ERROR_CODES);
const outcomes = new Map<string, number>();
const bad: string[] = [];
replies.forEach((reply, i) => {
  const key = reply.ok ? "ok" : reply.code;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  // A timeout, a dead worker, an uncaught exception or INTERNAL is a crash or a hang in disguise.
  if (
    !reply.ok &&
    (!known.has(reply.code) || reply.code === "INTERNAL" || reply.code === "EXTRACTION_TIMEOUT")
  )
    bad.push(`${cases[i]!.label}: ${reply.code} ${reply.message.slice(0, 120)}`);
});
rmSync(dir, { recursive: true, force: true });
console.log(
  `${cases.length} damaged PDFs (seed ${values.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`,
);
if (bad.length > 0) {
  console.log(`${bad.length} crashed or hung:\n  ${bad.join("\n  ")}`);
  process.exit(1);
}
console.log("none crashed or hung");
