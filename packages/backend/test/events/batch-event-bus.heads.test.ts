/**
 * The bus's shared head read (BatchEventBus.readHead), the read every connecting stream makes: who shares
 * a read, how long a head serves, and what makes it be read again. The batch row is changed behind the
 * bus's back (no NOTIFY) so that a cached answer shows as the old head.
 */
import { BATCH_EVENTS_CHANNEL } from "@splitstream/shared";
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, expect, it } from "vitest";
import { processingBatches } from "../../src/db/schema/index.ts";
import { BatchEventBus } from "../../src/events/batch-event-bus.ts";
import { makeBatch } from "../support/factories.ts";
import { describeEachDriver } from "../support/test-databases.ts";

/** The bus keeps a head this long (HEAD_TTL_MS); a deleted batch sends no NOTIFY, so only this ends it. */
const HEAD_TTL_MS = 1000;

describeEachDriver("the event bus's head read", ({ database }) => {
  let bus: BatchEventBus;
  let batchId: string;

  beforeEach(async () => {
    bus = new BatchEventBus({ database: database(), logger: pino({ level: "silent" }) });
    await bus.start();
    batchId = (await makeBatch(database().db, { lastSeq: 3 })).id;
  });
  afterEach(async () => {
    await bus.stop();
  });

  /** Moves the batch's newest seq without telling anyone, as a commit whose NOTIFY is still on its way. */
  async function moveHeadQuietly(lastSeq: number) {
    await database().db.update(processingBatches).set({ lastSeq }).where(eq(processingBatches.id, batchId));
  }

  async function notify(payload: string) {
    await database().db.execute(sql`select pg_notify(${BATCH_EVENTS_CHANNEL}, ${payload})`);
  }

  interface Case {
    name: string;
    /** What happens between the first read (seq 3) and the next. */
    between: () => Promise<void>;
    /** The next read's Last-Event-ID. */
    atLeast?: number;
    /** The seq the next read answers: 3 when the cached head served it, 5 when it was read again. */
    expected: number | "fresh after a NOTIFY";
  }

  const cases: Case[] = [
    { name: "a head read a moment ago serves the next connect", between: async () => {}, expected: 3 },
    {
      name: "a client whose Last-Event-ID is past the cached head gets a fresh read",
      between: async () => {},
      atLeast: 5,
      expected: 5,
    },
    {
      name: "a client at the cached head is served by it",
      between: async () => {},
      atLeast: 3,
      expected: 3,
    },
    {
      name: "a NOTIFY of the batch drops its head",
      between: () => notify(`${batchIdRef()}:5`),
      expected: "fresh after a NOTIFY",
    },
    {
      name: "a NOTIFY that names no seq drops it too",
      between: () => notify(batchIdRef()),
      expected: "fresh after a NOTIFY",
    },
    {
      name: "a listener reconnect (every stream woken) drops every head",
      between: async () => bus.wakeAll(),
      expected: 5,
    },
    {
      name: "a NOTIFY of another batch leaves it",
      between: async () => {
        await notify("00000000-0000-4000-8000-000000000000:9");
        // The NOTIFY is delivered asynchronously: give it the time it takes to arrive.
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
      expected: 3,
    },
    {
      name: "a head older than its time is read again",
      between: () => new Promise((resolve) => setTimeout(resolve, HEAD_TTL_MS + 50)),
      expected: 5,
    },
  ];
  // The cases are built before the batch exists; they name it through this.
  const batchIdRef = () => batchId;

  for (const { name, between, atLeast, expected } of cases) {
    it(name, async () => {
      expect((await bus.readHead(batchId))?.lastSeq).toBe(3);
      await moveHeadQuietly(5);
      await between();
      if (expected === "fresh after a NOTIFY")
        // Well within the head's time, so only the NOTIFY can have dropped it.
        await expect
          .poll(async () => (await bus.readHead(batchId, atLeast))?.lastSeq, { timeout: HEAD_TTL_MS / 2 })
          .toBe(5);
      else expect((await bus.readHead(batchId, atLeast))?.lastSeq).toBe(expected);
    });
  }

  it("connects that arrive together share one read", async () => {
    const [first, second, third] = await Promise.all([
      bus.readHead(batchId),
      bus.readHead(batchId),
      bus.readHead(batchId, 2),
    ]);
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it("answers null for a batch that does not exist, and does not remember it", async () => {
    const missing = "00000000-0000-4000-8000-000000000001";
    expect(await bus.readHead(missing)).toBeNull();
    await makeBatch(database().db, { id: missing, lastSeq: 2 });
    expect((await bus.readHead(missing))?.lastSeq).toBe(2);
  });

  it("serves a batch deleted while cached for at most the head's time, then answers null", async () => {
    expect(await bus.readHead(batchId)).not.toBeNull();
    await database().db.delete(processingBatches).where(eq(processingBatches.id, batchId));
    expect((await bus.readHead(batchId))?.lastSeq).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, HEAD_TTL_MS + 50));
    expect(await bus.readHead(batchId)).toBeNull();
  });
});
