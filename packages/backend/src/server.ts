/** The production entry: read config, open and migrate the database, serve the API and the web app, shut down cleanly. */

import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { BatchEventBus } from "./events/batch-event-bus.ts";
import { StreamAdmission } from "./events/stream-admission.ts";
import { mountWebApp } from "./http/static-web.ts";
import { createLogger } from "./logger.ts";
import { createDoneEmailSender } from "./notifications/send-done-email.ts";
import { startBackgroundTasks } from "./pipeline/background-tasks.ts";
import { WorkerPool } from "./pipeline/worker-pool.ts";
import { stopInstance } from "./shutdown.ts";
import { VERSION } from "./version.ts";

/** What aborting the last jobs, giving back their leases and closing the database may take. */
const FORCE_EXIT_AFTER_GRACE_MS = 1000;

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);

const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrateDatabase(database);
logger.info({ driver: database.driver }, "database ready");

const eventBus = new BatchEventBus({ database, logger });
await eventBus.start();
const streamAdmission = new StreamAdmission({
  maxPerIp: config.SSE_MAX_STREAMS_PER_IP,
  maxTotal: config.SSE_MAX_STREAMS,
});
const app = createApp({
  database,
  config,
  logger,
  clock: () => new Date(),
  version: VERSION,
  eventBus,
  streamAdmission,
});
const webDist = config.WEB_DIST_DIR ?? fileURLToPath(new URL("../../web/dist", import.meta.url));
if (!mountWebApp(app, webDist))
  logger.warn({ webDist }, "web app not built: serving the API only (run `bun run build`)");

const emails = createDoneEmailSender({ database, config, logger });
const background = startBackgroundTasks({ database, logger, emails });
const workerPool = new WorkerPool({ database, config, logger, onJobSettled: () => background.sweepEmails() });
await workerPool.start();

const server = createAdaptorServer({ fetch: app.fetch });
// After a restart every browser reconnects at once: Node's default queue of 511 pending connections
// overflows, and the kernel's drops make clients back off for up to minutes.
server.listen({ port: config.PORT, host: config.HOST, backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ port, driver: database.driver }, `Splitstream listening on http://localhost:${port}`);
});
// Slow uploads of large PDFs must not be cut by Node's 300 s default; SSE streams are long-lived by design.
server.setTimeout(0);
if ("requestTimeout" in server) server.requestTimeout = config.REQUEST_TIMEOUT_MS;

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info(
    { signal, graceMs: config.SHUTDOWN_GRACE_MS },
    "shutting down: no new jobs or connections, draining",
  );
  const stop = stopInstance({ server, eventBus, workerPool, background, database }, config.SHUTDOWN_GRACE_MS);
  // A last resort, armed so that nothing (not even a log line to a closed stdout) keeps the process
  // alive: the grace ends with everything aborted, so only a hang gets here.
  const forceExit = setTimeout(() => {
    try {
      logger.error({ stillStopping: stop.pending() }, "shutdown overran its grace; exiting");
    } finally {
      process.exit(1);
    }
  }, config.SHUTDOWN_GRACE_MS + FORCE_EXIT_AFTER_GRACE_MS);
  forceExit.unref();
  try {
    await stop.done;
    logger.info("stopped");
    process.exit(0);
  } catch (error) {
    console.error("shutdown failed:", error);
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
