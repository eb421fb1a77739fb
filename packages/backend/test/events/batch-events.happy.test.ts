/** The SSE stream on the wire: snapshot, replay, live events, resumption at every seam, the end of a batch. */
import { batchEventSchema } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appendProgress, completeBatch } from "../support/batch-event-fixtures.ts";
import { makeBatch, makeJob } from "../support/factories.ts";
import { serveOnLoopback } from "../support/serve-on-loopback.ts";
import { SseReader } from "../support/sse-frames.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const eventsPath = (batchId: string, query = "") => `/api/v1/batches/${batchId}/events${query}`;

describeEachDriver("GET /batches/:id/events", ({ database }) => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  // Every stream here goes through a real socket, as a browser's does.
  const setup = async (env: Record<string, string> = {}) => {
    const testApp = createTestApp(database(), env);
    const wire = await serveOnLoopback(testApp.app);
    stops.push(() => testApp.eventBus.stop(), wire.close);
    return { ...testApp, app: wire };
  };

  it("starts a fresh client with a snapshot at the current seq, then live events, and ends after batch.completed", async () => {
    const { app, eventBus } = await setup();
    const batch = await makeBatch(database().db, { status: "processing", totalJobs: 1 });
    await makeJob(database().db, batch.id);
    await appendProgress(database(), batch.id, 3);

    const res = await app.request(eventsPath(batch.id), { headers: { "Accept-Encoding": "gzip, br" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("content-encoding")).toBeNull();

    const reader = new SseReader(res);
    const retry = await reader.next();
    expect(retry?.retry).toBeGreaterThan(0);
    const snapshot = await reader.nextEvent();
    expect(snapshot?.frame.event).toBe("batch.snapshot");
    expect(snapshot?.frame.id).toBe("3");
    const parsed = batchEventSchema.parse(snapshot?.event);
    expect(parsed.type === "batch.snapshot" && parsed.batch.lastSeq).toBe(3);
    expect(parsed.type === "batch.snapshot" && parsed.batch.jobs).toHaveLength(1);

    await expect.poll(() => eventBus.subscriberCount(batch.id)).toBe(1);
    await appendProgress(database(), batch.id, 2);
    await completeBatch(database(), batch.id);
    const rest = await reader.rest();
    expect(rest.map(({ frame }) => frame.id)).toEqual(["4", "5", "6"]);
    expect(rest.map(({ frame }) => frame.event)).toEqual(["job.progress", "job.progress", "batch.completed"]);
    for (const { event } of rest) batchEventSchema.parse(event);
    expect(reader.ended).toBe(true);
    expect(eventBus.subscriberCount()).toBe(0);
  });

  it("replays after Last-Event-ID (header or query; the header wins) and streams on", async () => {
    const { app } = await setup();
    const batch = await makeBatch(database().db, { status: "processing" });
    await appendProgress(database(), batch.id, 5);

    const viaQuery = new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=2")));
    expect((await viaQuery.nextEvent())?.frame.id).toBe("3");
    await viaQuery.cancel();

    const viaHeader = new SseReader(
      await app.request(eventsPath(batch.id, "?lastEventId=1"), { headers: { "Last-Event-ID": "4" } }),
    );
    expect((await viaHeader.nextEvent())?.frame.id).toBe("5");
    await completeBatch(database(), batch.id);
    expect((await viaHeader.rest()).map(({ frame }) => frame.id)).toEqual(["6"]);
  });

  it("ends right after the replay when the batch has already finished", async () => {
    const { app } = await setup();
    const batch = await makeBatch(database().db, { status: "processing" });
    await appendProgress(database(), batch.id, 2);
    await completeBatch(database(), batch.id);

    const replay = await new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=1"))).rest();
    expect(replay.map(({ frame }) => frame.id)).toEqual(["2", "3"]);
    const caughtUp = await new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=3"))).rest();
    expect(caughtUp).toEqual([]);
    const fresh = await new SseReader(await app.request(eventsPath(batch.id))).rest();
    expect(fresh.map(({ frame }) => [frame.event, frame.id])).toEqual([["batch.snapshot", "3"]]);
  });

  it("sends batch.reset then a snapshot when the asked-for events are no longer retained", async () => {
    const { app } = await setup();
    const batch = await makeBatch(database().db, { status: "processing" });
    await appendProgress(database(), batch.id, 6);
    await database().rows(sql`delete from batch_events where batch_id = ${batch.id} and seq <= 4`);

    const reader = new SseReader(
      await app.request(eventsPath(batch.id), { headers: { "Last-Event-ID": "2" } }),
    );
    const reset = await reader.nextEvent();
    expect(reset?.frame.event).toBe("batch.reset");
    expect(reset?.frame.id).toBeUndefined();
    batchEventSchema.parse(reset?.event);
    const snapshot = await reader.nextEvent();
    expect([snapshot?.frame.event, snapshot?.frame.id]).toEqual(["batch.snapshot", "6"]);
    await completeBatch(database(), batch.id);
    expect((await reader.rest()).map(({ frame }) => frame.id)).toEqual(["7"]);

    // Nothing retained at all (every event pruned) is a reset too; a client already at the end is not.
    await database().rows(sql`delete from batch_events where batch_id = ${batch.id}`);
    const pruned = await new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=3"))).rest();
    expect(pruned.map(({ frame }) => frame.event)).toEqual(["batch.reset", "batch.snapshot"]);
    expect(await new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=7"))).rest()).toEqual([]);
  });

  it("sends heartbeat comments at the configured interval", async () => {
    const { app } = await setup({ SSE_HEARTBEAT_MS: "100" });
    const batch = await makeBatch(database().db, { status: "processing" });
    const reader = new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=0")));
    const frames = [await reader.next(), await reader.next(), await reader.next()];
    expect(frames[0]?.retry).toBeGreaterThan(0);
    expect(frames.slice(1).every((frame) => frame?.comment !== undefined && frame.data === undefined)).toBe(
      true,
    );
    await reader.cancel();
  });

  describe("resuming at every seam", () => {
    const total = 12;
    for (let k = 0; k <= total; k++) {
      it(`disconnect after event ${k}, reconnect with Last-Event-ID ${k}: events 1..${total} once each`, async () => {
        const { app, eventBus } = await setup();
        const batch = await makeBatch(database().db, { status: "processing" });
        await appendProgress(database(), batch.id, 4);
        // The rest is appended live while the first connection replays, crossing its replay/live seam.
        const appending = (async () => {
          await appendProgress(database(), batch.id, total - 5);
          await completeBatch(database(), batch.id);
        })();

        const seen: number[] = [];
        const first = new SseReader(await app.request(eventsPath(batch.id, "?lastEventId=0")));
        while (seen.length < k) {
          const next = await first.nextEvent();
          if (!next) break;
          expect(next.frame.id).toBe(String(next.event.seq));
          seen.push(next.event.seq);
        }
        await first.cancel();
        expect(seen).toEqual(Array.from({ length: k }, (_, index) => index + 1));

        const second = new SseReader(
          await app.request(eventsPath(batch.id), { headers: { "Last-Event-ID": String(k) } }),
        );
        for (const { frame, event } of await second.rest()) {
          expect(frame.id).toBe(String(event.seq));
          seen.push(event.seq);
        }
        await appending;
        expect(seen).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        await expect.poll(() => eventBus.subscriberCount()).toBe(0);
      });
    }
  });
});
