/** What every handler can reach through the Hono context: the request id and the app's dependencies. */
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { BatchEventBus } from "../events/batch-event-bus.ts";
import type { StreamAdmission } from "../events/stream-admission.ts";
import type { Logger } from "../logger.ts";

export interface AppDeps {
  database: Database;
  config: Config;
  logger: Logger;
  /** Injected so tests can move time. */
  clock: () => Date;
  version: string;
  /** This instance's one LISTEN on batch events, fanned out to its SSE streams. */
  eventBus: BatchEventBus;
  /** This instance's open SSE streams, in all and per client IP. */
  streamAdmission: StreamAdmission;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
  };
}
