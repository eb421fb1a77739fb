/** Writes batch events through the real write path (batches/write-transition.ts), one transition per call. */
import { randomUUID } from "node:crypto";
import type { BatchEvent, NewBatchEvent } from "@splitstream/shared";
import { type BatchChange, unchanged } from "../../src/batches/job-transitions.ts";
import { lockBatchJobs, runTransition } from "../../src/batches/write-transition.ts";
import type { Database } from "../../src/db/database.ts";

/** Appends events (and a batch change) to a batch's ledger in one transition; returns them numbered. */
export async function appendEvents(
  database: Database,
  batchId: string,
  events: readonly NewBatchEvent[],
  batchChange: BatchChange = {},
): Promise<BatchEvent[]> {
  const written = await runTransition(
    { database, clock: () => new Date() },
    async (tx) => {
      const state = await lockBatchJobs(tx, batchId, undefined);
      if (!state) throw new Error(`batch ${batchId} does not exist`);
      return state;
    },
    (state) => ({ ...unchanged(state), batchChange, events }),
  );
  const first = written.lastSeq - events.length + 1;
  return events.map(
    (event, index) => ({ ...event, seq: first + index, batchId, at: written.at.toISOString() }) as BatchEvent,
  );
}

/** Appends `count` job.progress events (one transition each unless `together`), returning them. */
export async function appendProgress(
  database: Database,
  batchId: string,
  count: number,
  options: { together?: boolean; messageBytes?: number } = {},
): Promise<BatchEvent[]> {
  const jobId = randomUUID();
  const padding = "x".repeat(options.messageBytes ?? 0);
  const make = (index: number) => ({
    type: "job.progress" as const,
    jobId,
    message: `step ${index}${padding}`,
    fraction: null,
  });
  if (options.together) {
    return appendEvents(
      database,
      batchId,
      Array.from({ length: count }, (_, index) => make(index)),
    );
  }
  const appended: BatchEvent[] = [];
  for (let index = 0; index < count; index++)
    appended.push(...(await appendEvents(database, batchId, [make(index)])));
  return appended;
}

/** Finishes a batch the way the pipeline does: status and batch.completed in one transition. */
export async function completeBatch(database: Database, batchId: string): Promise<BatchEvent> {
  const [event] = await appendEvents(
    database,
    batchId,
    [
      {
        type: "batch.completed",
        batchStatus: "completed",
        counts: { total: 0, completed: 0, failed: 0, cancelled: 0, cached: 0 },
        resultCode: null,
      },
    ],
    { status: "completed", completedAt: new Date() },
  );
  return event!;
}
