/** Runs the real pipeline in-process for tests: the app, a worker pool on the same database, and helpers to wait. */
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/database.ts";
import { processingBatches } from "../../src/db/schema/index.ts";
import { readBatchEvents } from "../../src/events/batch-event-ledger.ts";
import { createLogger } from "../../src/logger.ts";
import { WorkerPool } from "../../src/pipeline/worker-pool.ts";
import { createTestApp, testConfig } from "./test-app.ts";

export const PIPELINE_ENV = {
  RETRY_BASE_MS: "20",
  QUEUE_POLL_MS: "100",
  JOB_LEASE_MS: "3000",
  ALLOW_PRIVATE_URLS: "true",
};

export function startPipeline(database: Database, env: Record<string, string> = {}) {
  const overrides = { ...PIPELINE_ENV, ...env };
  const { app, config } = createTestApp(database, overrides);
  const pools: WorkerPool[] = [];
  return {
    app,
    config,
    /** Starts a worker pool ("an instance") on the same database. */
    async startWorkers(
      concurrency = 1,
      extraEnv: Record<string, string> = {},
      { parserEntry }: { parserEntry?: URL } = {},
    ) {
      const pool = new WorkerPool({
        database,
        config: testConfig({ ...overrides, WORKER_CONCURRENCY: String(concurrency), ...extraEnv }),
        logger: createLogger("silent"),
        parserEntry,
      });
      await pool.start();
      pools.push(pool);
      return pool;
    },
    async stop() {
      await Promise.all(pools.map((pool) => pool.stop(2000)));
    },
  };
}

export async function waitForBatch(database: Database, batchId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [batch] = await database.db
      .select()
      .from(processingBatches)
      .where(eq(processingBatches.id, batchId));
    if (batch?.completedAt) return;
    if (Date.now() > deadline)
      throw new Error(`batch ${batchId} did not finish within ${timeoutMs} ms (status ${batch?.status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function allEvents(database: Database, batchId: string) {
  return readBatchEvents(database.db, batchId, 0, 100_000);
}

export { readJson, submitFiles } from "./submit-batch.ts";
