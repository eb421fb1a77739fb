/**
 * Statements one cache-hit batch costs the database, counted on the wire (statement-counter.ts): from
 * POST /api/v1/batches until the batch row says completed, read by the bench straight from the database
 * so its own polling is not counted. What the idle server sends meanwhile (queue polls, heartbeats) is
 * measured just before and taken off.
 */
import type { BenchScope } from "./bench-scope.ts";
import { submitPdf } from "./cache-hit.ts";
import { sleep } from "./figures.ts";
import type { ServerChild } from "./server-child.ts";
import type { StatementCounter } from "./statement-counter.ts";

const IDLE_WINDOW_MS = 2000;
const SETTLE_MS = 150;
const WAIT_LIMIT_MS = 60_000;

export interface StatementRound {
  /** Statements counted from the POST until completed (plus the settle time). */
  counted: number;
  /** The idle server's statements over the same time, taken off `counted`. */
  idle: number;
  perJob: number;
  /** Of those, the job's own: from its claim to the worker slot's next claim. */
  fromClaim: number;
  byStatement: [text: string, count: number][];
  /** Each statement in the order sent, in ms after the POST was sent, and when the batch was seen done. */
  timeline: { atMs: number; text: string }[];
  completedAtMs: number;
}

export async function countCacheHitStatements(
  server: ServerChild,
  scope: BenchScope,
  counter: StatementCounter,
  swimmerName: string,
  pdf: { name: string; bytes: Uint8Array },
): Promise<StatementRound> {
  await sleep(SETTLE_MS);
  counter.reset();
  await sleep(IDLE_WINDOW_MS);
  const idlePerMs = counter.snapshot().total / IDLE_WINDOW_MS;

  counter.reset();
  const started = performance.now();
  let completedAtMs = 0;
  const { id } = await submitPdf(server.baseUrl, swimmerName, pdf);
  for (;;) {
    const status = await scope.readValue(`select status from processing_batches where id = '${id}'`);
    if (status === "completed") {
      completedAtMs = performance.now() - started;
      break;
    }
    if (status !== "pending" && status !== "processing") throw new Error(`cache-hit batch ended ${status}`);
    if (performance.now() - started > WAIT_LIMIT_MS) throw new Error(`batch ${id} did not complete`);
  }
  // The wake-ups follow the commit: give them the moment they take.
  await sleep(SETTLE_MS);
  const elapsedMs = performance.now() - started;
  const { total, byStatement, timeline } = counter.snapshot();
  const idle = Math.round(idlePerMs * elapsedMs);
  const firstClaim = timeline.findIndex(({ text }) => text.includes('update "batch_jobs" set "attempts"'));
  const fromClaim = firstClaim < 0 ? 0 : timeline.length - firstClaim;
  return { counted: total, idle, perJob: total - idle, fromClaim, byStatement, timeline, completedAtMs };
}
