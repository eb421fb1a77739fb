/** What every service is given besides its input: the database, the clock, and a logger. */
import type { Clock } from "../batches/write-transition.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";

export interface ServiceContext {
  database: Database;
  clock: Clock;
  logger: Logger;
}
