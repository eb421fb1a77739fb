/** The SSE stream when things go wrong: a dropped LISTEN connection, another process writing, a slow client. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { appendProgress, completeBatch } from "../support/batch-event-fixtures.ts";
import { makeBatch } from "../support/factories.ts";
import { SseReader } from "../support/sse-frames.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const eventsPath = (batchId: string, query = "") => `/api/v1/batches/${batchId}/events${query}`;
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const APPEND_CHILD = fileURLToPath(new URL("./append-events-child.ts", import.meta.url));

describeEachDriver("GET /batches/:id/events under failure", ({ database, driver, url }) => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const setup = (env: Record<string, string> = {}) => {
    const testApp = createTestApp(database(), env);
    stops.push(() => testApp.eventBus.stop());
    return testApp;
  };

  it.skipIf(driver === "pglite")(
    "loses nothing when the LISTEN connection is terminated mid-stream",
    async () => {
      const { app, eventBus } = setup();
      const batch = await makeBatch(database().db, { status: "processing" });
      const reader = new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=0")));
      await expect.poll(() => eventBus.subscriberCount(batch.id)).toBe(1);
      await appendProgress(database(), batch.id, 3);
      const seen: number[] = [];
      while (seen.length < 3) seen.push((await reader.nextEvent())!.event.seq);

      const listenerPids = async () =>
        (
          await database().rows<{ pid: number }>(
            sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
          )
        ).map((row) => row.pid);
      const [pid] = await listenerPids();
      expect(pid).toBeDefined();
      await database().rows(sql`select pg_terminate_backend(${pid}::int)`);
      // Written while the listener is down: their NOTIFYs go nowhere; only the reconnect wake-up finds them.
      await appendProgress(database(), batch.id, 3, { together: true });
      await expect
        .poll(listenerPids, { timeout: 10_000 })
        .toSatisfy((pids: number[]) => pids.some((p) => p !== pid));

      while (seen.length < 6) seen.push((await reader.nextEvent(15_000))!.event.seq);
      await completeBatch(database(), batch.id);
      for (const { event } of await reader.rest()) seen.push(event.seq);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    },
    60_000,
  );

  it.skipIf(driver === "pglite")(
    "delivers, in order, events that another process appends to the ledger",
    async () => {
      const { app } = setup();
      const batch = await makeBatch(database().db, { status: "processing" });
      const reader = new SseReader(await app.request(eventsPath(batch.id)));
      expect((await reader.nextEvent())?.frame.event).toBe("batch.snapshot");

      const child = spawn(process.execPath, ["--import", "tsx", APPEND_CHILD, url()!, batch.id, "40"], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

      const events = await reader.rest(30_000);
      expect(await exited, stderr).toBe(0);
      expect(events.map(({ event }) => event.seq)).toEqual(
        Array.from({ length: 41 }, (_, index) => index + 1),
      );
      expect(events.at(-1)?.event.type).toBe("batch.completed");
    },
    60_000,
  );

  it("drops a client that stops reading once its buffer is full; it resumes and misses nothing", async () => {
    // In-process, so no kernel socket buffer (up to tens of MB on loopback) stands between the stream and
    // a client that reads nothing: the stream's own queue is what fills.
    const { app, eventBus } = setup({ SSE_BUFFER_LIMIT_BYTES: "65536", SSE_HEARTBEAT_MS: "300" });
    const batch = await makeBatch(database().db, { status: "processing" });
    const response = await app.request(eventsPath(batch.id, "?lastEventId=0"));
    await expect.poll(() => eventBus.subscriberCount(batch.id)).toBe(1);

    // Far more than the 64 KiB limit; the stream must give up on the client rather than hold it all.
    let appended = 0;
    while (eventBus.subscriberCount(batch.id) > 0 && appended < 1000) {
      await appendProgress(database(), batch.id, 50, { together: true, messageBytes: 8 * 1024 });
      appended += 50;
    }
    await expect.poll(() => eventBus.subscriberCount(), { timeout: 15_000 }).toBe(0);

    // What it was sent before the drop is whole and in order, and ends the stream.
    const received = await new SseReader(response).rest(10_000);
    const ids = received.map(({ event }) => event.seq);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(appended); // cut off, not a stream that ran to its end
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, index) => index + 1));

    // It reconnects from its last id and gets the rest.
    await completeBatch(database(), batch.id);
    const rest = await new SseReader(
      await app.request(eventsPath(batch.id), { headers: { "Last-Event-ID": String(ids.at(-1)) } }),
    ).rest(30_000);
    const all = [...ids, ...rest.map(({ event }) => event.seq)];
    expect(all).toEqual(Array.from({ length: appended + 1 }, (_, index) => index + 1));
  }, 120_000);
});
