/** A second process for the cross-instance test: appends N events and batch.completed to a batch's ledger. */
import { openDatabase } from "../../src/db/database.ts";
import { appendProgress, completeBatch } from "../support/batch-event-fixtures.ts";

const [url, batchId, count] = process.argv.slice(2);
if (!url || !batchId || !count)
  throw new Error("usage: append-events-child.ts <databaseUrl> <batchId> <count>");
const database = await openDatabase({ databaseUrl: url, dataDir: "unused", maxConnections: 2 });
await appendProgress(database, batchId, Number(count));
await completeBatch(database, batchId);
await database.close();
