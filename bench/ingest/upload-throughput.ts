/**
 * Upload throughput: MB/s of 50 MB multipart uploads to POST /api/v1/batches, one at a time and many at
 * once, with the server's peak RSS, against `sha256sum` over the same bytes in the same run.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BatchWithJobs } from "@splitstream/shared";
import { MB, median } from "./figures.ts";
import { currentRssMb, PeakRss, type RssReading } from "./peak-rss.ts";
import { postUpload } from "./post-upload.ts";
import type { ServerChild } from "./server-child.ts";

const run = promisify(execFile);
/** Every upload starts with its own header line, so each is a distinct PDF to the content-addressed store. */
const HEAD_BYTES = 64;
const ANCHOR_RUNS = 5;

export interface UploadOptions {
  sizeBytes: number;
  concurrent: number;
  /** Single uploads, one after another; the median counts. */
  rounds: number;
  swimmerName: string;
  /** Where the anchor's copy of the bytes is written. */
  dir: string;
}

export interface UploadFigures {
  sizeMb: number;
  anchorMbps: number;
  idleRssMb: number;
  single: { mbps: number; secondsEach: number[]; rss: RssReading };
  concurrent: { uploads: number; mbps: number; seconds: number; rss: RssReading };
}

export async function measureUploads(server: ServerChild, options: UploadOptions): Promise<UploadFigures> {
  const tag = randomBytes(4).toString("hex");
  const body = randomBytes(options.sizeBytes - HEAD_BYTES);
  const partsOf = (n: number): Buffer[] => {
    const line = `%PDF-1.7\n%splitstream bench upload ${tag} ${n}`;
    return [Buffer.from(`${line.padEnd(HEAD_BYTES - 1)}\n`), body];
  };
  const anchorFile = join(options.dir, "upload-0.pdf");
  writeFileSync(anchorFile, partsOf(0)[0]!);
  appendFileSync(anchorFile, body);
  const upload = async (n: number) => {
    const reply = await postUpload(server.baseUrl, {
      swimmerName: options.swimmerName,
      fileName: `bench-${n}.pdf`,
      parts: partsOf(n),
    });
    if (reply.status !== 201)
      throw new Error(`upload ${n} answered ${reply.status}: ${reply.body.slice(0, 500)}`);
    const job = (JSON.parse(reply.body) as BatchWithJobs).jobs[0];
    if (job?.fileSize !== options.sizeBytes) throw new Error(`upload ${n} stored ${job?.fileSize} bytes`);
    return { seconds: reply.seconds, sha256: job.sha256 };
  };

  const anchorSeconds = await sha256sumSeconds(anchorFile, ANCHOR_RUNS);
  const idleRssMb = currentRssMb(server.pid);

  const secondsEach: number[] = [];
  let singleRss: RssReading = { peakMb: 0, source: "VmHWM" };
  for (let round = 0; round < options.rounds; round++) {
    const probe = new PeakRss(server.pid);
    const { seconds, sha256 } = await upload(round);
    const rss = probe.stop();
    if (rss.peakMb > singleRss.peakMb) singleRss = rss;
    secondsEach.push(seconds);
    if (round === 0 && sha256 !== anchorSeconds.digest)
      throw new Error(`the server hashed upload 0 as ${sha256}, sha256sum as ${anchorSeconds.digest}`);
  }

  const probe = new PeakRss(server.pid);
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrent }, (_, index) => upload(1000 + index)));
  const concurrentSeconds = (performance.now() - started) / 1000;
  const concurrentRss = probe.stop();

  // Anchor runs on both sides of the uploads, so a noisy stretch weighs on both figures alike.
  const after = await sha256sumSeconds(anchorFile, ANCHOR_RUNS);
  const sizeMb = options.sizeBytes / MB;
  return {
    sizeMb,
    anchorMbps: sizeMb / median([...anchorSeconds.seconds, ...after.seconds]),
    idleRssMb,
    single: { mbps: sizeMb / median(secondsEach), secondsEach, rss: singleRss },
    concurrent: {
      uploads: options.concurrent,
      mbps: (sizeMb * options.concurrent) / concurrentSeconds,
      seconds: concurrentSeconds,
      rss: concurrentRss,
    },
  };
}

/** Wall seconds of `sha256sum file` (process start to exit), `runs` times, and the digest it printed. */
async function sha256sumSeconds(file: string, runs: number): Promise<{ seconds: number[]; digest: string }> {
  const seconds: number[] = [];
  let digest = "";
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { stdout } = await run("sha256sum", [file]);
    seconds.push((performance.now() - started) / 1000);
    digest = stdout.split(/\s/)[0] ?? "";
  }
  return { seconds, digest };
}
