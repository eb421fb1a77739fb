/** Builds the real app on a test database, with config from defaults plus overrides and a silent logger. */
import { createApp } from "../../src/app.ts";
import { type Config, parseConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/database.ts";
import { BatchEventBus } from "../../src/events/batch-event-bus.ts";
import { StreamAdmission } from "../../src/events/stream-admission.ts";
import { createLogger } from "../../src/logger.ts";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    ADMIN_TOKEN: "test-admin-token-0123456789",
    ...overrides,
  });
}

export function createTestApp(database: Database, overrides: Record<string, string> = {}) {
  const config = testConfig(overrides);
  const logger = createLogger("silent");
  // The bus starts its LISTEN on the first event stream; tests that open streams stop it when done.
  const eventBus = new BatchEventBus({ database, logger });
  const streamAdmission = new StreamAdmission({
    maxPerIp: config.SSE_MAX_STREAMS_PER_IP,
    maxTotal: config.SSE_MAX_STREAMS,
  });
  const app = createApp({
    database,
    config,
    logger,
    clock: () => new Date(),
    version: "test",
    eventBus,
    streamAdmission,
  });
  return { app, config, eventBus, streamAdmission };
}
