/** The SSE stream's refusals (bad ids, unknown batches, too many streams) and its clean-up when clients leave. */
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, expect, it } from "vitest";
import { appendProgress } from "../support/batch-event-fixtures.ts";
import { makeBatch } from "../support/factories.ts";
import { SseReader } from "../support/sse-frames.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const eventsPath = (batchId: string, query = "") => `/api/v1/batches/${batchId}/events${query}`;
/** What @hono/node-server hands a handler as its env, enough for the client IP. */
const fromIp = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

describeEachDriver("GET /batches/:id/events refusals and clean-up", ({ database }) => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const setup = (env: Record<string, string> = {}) => {
    const testApp = createTestApp(database(), env);
    stops.push(() => testApp.eventBus.stop());
    return testApp;
  };

  it("answers ids that are not numbers, or past the batch's last event, with 400 in the envelope", async () => {
    const { app, eventBus } = setup();
    const batch = await makeBatch(database().db, { status: "processing" });
    await appendProgress(database(), batch.id, 3);
    for (const bad of ["abc", "-1", "1.5", "1e3", "0x10", "99999999999999999999", "4"]) {
      const res = await app.request(eventsPath(batch.id), { headers: { "Last-Event-ID": bad } });
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.requestId).toBeTruthy();
    }
    expect((await app.request(eventsPath(batch.id, "?lastEventId=nope"))).status).toBe(400);
    expect((await app.request("/api/v1/batches/not-a-uuid/events")).status).toBe(400);
    expect(eventBus.subscriberCount()).toBe(0);
  });

  it("answers an unknown batch with 404 before any stream starts", async () => {
    const { app, streamAdmission } = setup();
    const res = await app.request(eventsPath(randomUUID()));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect(streamAdmission.openStreams()).toBe(0);
  });

  it("limits open streams per client IP and per instance with 429", async () => {
    const { app, streamAdmission } = setup({ SSE_MAX_STREAMS_PER_IP: "2", SSE_MAX_STREAMS: "3" });
    const batch = await makeBatch(database().db, { status: "processing" });
    const open = async (ip: string) => app.request(eventsPath(batch.id, "?lastEventId=0"), {}, fromIp(ip));

    const a1 = await open("10.0.0.1");
    const a2 = await open("10.0.0.1");
    const a3 = await open("10.0.0.1");
    expect([a1.status, a2.status, a3.status]).toEqual([200, 200, 429]);
    expect(((await a3.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMIT");
    const b1 = await open("10.0.0.2");
    expect(b1.status).toBe(200);
    const c1 = await open("10.0.0.3");
    expect(c1.status).toBe(429);

    // A stream that closes frees its place at once.
    await a1.body?.cancel();
    expect(streamAdmission.openStreams("10.0.0.1")).toBe(1);
    const c2 = await open("10.0.0.3");
    expect(c2.status).toBe(200);
    for (const res of [a2, b1, c2]) await res.body?.cancel();
    expect(streamAdmission.openStreams()).toBe(0);
  });

  it("releases everything when clients leave: 1,000 connect/disconnect cycles leave no subscriber and a flat heap", async () => {
    const { app, eventBus, streamAdmission } = setup();
    const batch = await makeBatch(database().db, { status: "processing" });
    await appendProgress(database(), batch.id, 2);
    const cycle = async (index: number) => {
      // Alternate the two ways a client goes away: the body is cancelled, or the request is aborted.
      const abort = new AbortController();
      const res = await app.request(eventsPath(batch.id, index % 3 === 0 ? "" : "?lastEventId=1"), {
        signal: abort.signal,
      });
      const reader = new SseReader(res);
      await reader.nextEvent();
      if (index % 2 === 0) await reader.cancel();
      else {
        abort.abort();
        await reader.cancel();
      }
    };
    const heap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };

    for (let index = 0; index < 100; index++) await cycle(index);
    const before = heap();
    for (let index = 0; index < 1000; index++) await cycle(index);
    await expect.poll(() => eventBus.subscriberCount()).toBe(0);
    expect(streamAdmission.openStreams()).toBe(0);
    const grown = heap() - before;
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  }, 180_000);
});

function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
