/**
 * End-to-end time of one-PDF batches, from POST /api/v1/batches until GET /api/v1/batches/:id shows a final
 * status: first a PDF the cache has never seen (the anchor), then the same bytes again (a cache hit).
 */
import type { BatchWithJobs } from "@splitstream/shared";
import { sleep } from "./figures.ts";
import type { ServerChild } from "./server-child.ts";

const FINAL = new Set<BatchWithJobs["status"]>(["completed", "partial", "failed", "cancelled"]);
const POLL_MS = 5;
const WAIT_LIMIT_MS = 180_000;

/** Cache hits timed per PDF: one sample is noise on this machine. */
const HITS_PER_PDF = 5;

export interface CacheRound {
  name: string;
  missMs: number;
  hits: {
    ms: number;
    /** Of the hit's time, until the POST answered (the batch stored, its job queued). */
    postMs: number;
  }[];
}

export async function measureCacheHits(
  server: ServerChild,
  swimmerName: string,
  pdfs: readonly { name: string; bytes: Uint8Array }[],
): Promise<CacheRound[]> {
  const rounds: CacheRound[] = [];
  for (const pdf of pdfs) {
    const miss = await submitAndWait(server.baseUrl, swimmerName, pdf);
    const hits = [];
    for (let index = 0; index < HITS_PER_PDF; index++)
      hits.push(await submitAndWait(server.baseUrl, swimmerName, pdf));
    for (const [label, result, cached] of [
      ["first", miss, false] as const,
      ...hits.map((hit) => ["later", hit, true] as const),
    ]) {
      const job = result.batch.jobs[0];
      if (result.batch.status !== "completed" || job?.cached !== cached)
        throw new Error(
          `${pdf.name}, ${label} submission: batch ${result.batch.status}, job cached=${job?.cached} ` +
            `(${job?.errorCode ?? "no error"}: ${job?.errorMessage ?? ""})`,
        );
    }
    rounds.push({ name: pdf.name, missMs: miss.ms, hits: hits.map(({ ms, postMs }) => ({ ms, postMs })) });
  }
  return rounds;
}

/** POST /api/v1/batches with one PDF; the created batch. */
export async function submitPdf(
  baseUrl: string,
  swimmerName: string,
  pdf: { name: string; bytes: Uint8Array },
): Promise<BatchWithJobs> {
  const form = new FormData();
  form.append("swimmerName", swimmerName);
  form.append("files", new Blob([pdf.bytes], { type: "application/pdf" }), pdf.name);
  const res = await fetch(`${baseUrl}/api/v1/batches`, { method: "POST", body: form });
  if (res.status !== 201) throw new Error(`POST /batches answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as BatchWithJobs;
}

async function submitAndWait(
  baseUrl: string,
  swimmerName: string,
  pdf: { name: string; bytes: Uint8Array },
): Promise<{ ms: number; postMs: number; batch: BatchWithJobs }> {
  const started = performance.now();
  const { id } = await submitPdf(baseUrl, swimmerName, pdf);
  const postMs = performance.now() - started;
  for (;;) {
    const poll = await fetch(`${baseUrl}/api/v1/batches/${id}`);
    if (!poll.ok) throw new Error(`GET /batches/${id} answered ${poll.status}: ${await poll.text()}`);
    const batch = (await poll.json()) as BatchWithJobs;
    if (FINAL.has(batch.status)) return { ms: performance.now() - started, postMs, batch };
    if (performance.now() - started > WAIT_LIMIT_MS)
      throw new Error(`batch ${id} is still ${batch.status} after ${WAIT_LIMIT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}
