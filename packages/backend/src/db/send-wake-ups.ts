/**
 * NOTIFY wake-ups sent after a commit rather than inside the transaction, and grouped: wake-ups that
 * arrive while a send is in flight share the next statement.
 */
import { sql } from "drizzle-orm";
import type { Database } from "./database.ts";

export type WakeUp = [channel: string, payload: string];

interface WakeUpQueue {
  waiting: { wakeUps: WakeUp[]; done: () => void }[];
  sending: boolean;
}

const wakeUpQueues = new WeakMap<Database, WakeUpQueue>();
/** Wake-ups per statement: they travel as one JSON parameter, kept to a modest size. */
const MAX_WAKE_UPS_PER_STATEMENT = 1000;

/**
 * Sends NOTIFY wake-ups after the commit, outside the data transaction: a transaction that notifies holds
 * PostgreSQL's global notify lock through its commit, which serialises every such commit in the database
 * (about 500 a second here). Wake-ups that arrive while a send is in flight share the next statement.
 * They carry no data, so a lost one only delays work to the workers' next poll (streams replay the ledger).
 */
export function sendWakeUps(database: Database, wakeUps: WakeUp[]): Promise<void> {
  let queue = wakeUpQueues.get(database);
  if (!queue) {
    queue = { waiting: [], sending: false };
    wakeUpQueues.set(database, queue);
  }
  const sent = new Promise<void>((done) => queue.waiting.push({ wakeUps, done }));
  if (!queue.sending) void drain(database, queue);
  return sent;
}

async function drain(database: Database, queue: WakeUpQueue): Promise<void> {
  queue.sending = true;
  while (queue.waiting.length > 0) {
    const group: WakeUpQueue["waiting"] = [];
    let count = 0;
    while (queue.waiting.length > 0 && count < MAX_WAKE_UPS_PER_STATEMENT) {
      const next = queue.waiting.shift()!;
      group.push(next);
      count += next.wakeUps.length;
    }
    // One parameter however many wake-ups: the statement's text never changes, so nothing is built per call.
    const pairs = JSON.stringify(group.flatMap(({ wakeUps }) => wakeUps));
    try {
      await database.db.execute(
        sql`select pg_notify(w ->> 0, w ->> 1) from jsonb_array_elements(${pairs}::jsonb) with ordinality as t(w, n) order by n`,
      );
    } catch {
      // See above: the rows are committed; the next poll finds the jobs.
    }
    for (const { done } of group) done();
  }
  queue.sending = false;
}
