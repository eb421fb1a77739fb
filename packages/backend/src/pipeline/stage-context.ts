/** What every stage gets: the job, who holds it, an AbortSignal, and a way to report progress. */

import type { Clock, JobOwner } from "../batches/write-transition.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { JobRow } from "../db/schema/index.ts";
import type { Logger } from "../logger.ts";
import type { ParserThreads } from "./parser-threads.ts";

export interface StageContext {
  database: Database;
  /** The time transitions and measurements use; tests may move it. */
  clock: Clock;
  config: Config;
  logger: Logger;
  job: JobRow;
  owner: JobOwner;
  signal: AbortSignal;
  /** Where PDFs are parsed: warm worker threads with a time and memory limit. */
  parser: Pick<ParserThreads, "parse">;
  /** Reports progress within a stage (throttled: at most a few events a second reach the ledger). */
  progress(message: string, fraction: number | null): Promise<void>;
}
