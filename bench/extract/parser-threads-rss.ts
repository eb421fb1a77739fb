/**
 * Peak RSS of one process holding two warm parser threads (as an instance keeps them) while they
 * read the PDFs named on the command line one after another; bench:extract runs it. RSS counts the
 * whole process: the threads' heaps and their WebAssembly memories.
 */
import { readFile } from "node:fs/promises";
import { ParserThreads } from "@splitstream/backend/parser-threads";

const RSS_LIMIT_MB = 400;
const files = process.argv.slice(2);
// The sampler also keeps the process alive while the (unreferenced) threads start.
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);
const threads = new ParserThreads({ size: 2, memoryMb: 1024, timeoutMs: 300_000 });
threads.warm();
await threads.loaded();
const warmRss = process.memoryUsage().rss;
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  await threads.parse(bytes, new AbortController().signal).catch(() => undefined);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
clearInterval(sampler);
await threads.close();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const over = peakRss / 1024 / 1024 > RSS_LIMIT_MB ? ", OVER" : "";
console.log(
  `peak RSS, 2 warm parser threads reading the ${files.length} largest PDFs one after another: ${mb(peakRss)} MB (warm and idle: ${mb(warmRss)} MB; limit ${RSS_LIMIT_MB} MB${over})`,
);
