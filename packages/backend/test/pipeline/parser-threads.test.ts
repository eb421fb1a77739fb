/** The parser threads on their own: warm reuse, and a PDF that hangs, hoards memory or crashes costs only its own parse. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { JobCancelledError, JobError } from "../../src/pipeline/job-error.ts";
import { ParserThreads } from "../../src/pipeline/parser-threads.ts";
import { meetPdf } from "../support/meet-fixtures.ts";

vi.setConfig({ testTimeout: 120_000 });

const MISBEHAVING = new URL("./misbehaving-parser.mjs", import.meta.url);
const act = (name: string) => new TextEncoder().encode(`%PDF-${name}`);
const live = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("the parse should have failed"),
    (error: unknown) => error,
  );
}

describe("ParserThreads", () => {
  let threads: ParserThreads | undefined;
  afterEach(async () => {
    await threads?.close();
  });
  const open = (options: { size?: number; timeoutMs?: number; memoryMb?: number; entry?: URL } = {}) => {
    threads = new ParserThreads({ size: 1, timeoutMs: 60_000, memoryMb: 256, ...options });
    return threads;
  };

  it("parses PDF after PDF in one warm thread", async () => {
    const parser = open();
    const bytes = await meetPdf();
    const first = await parser.parse(bytes, live());
    const second = await parser.parse(bytes, live());
    expect(first.swims.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    expect(parser.threadsStarted).toBe(1);
  });

  it("stops a PDF that hangs the parser at the time limit, keeps the event loop free, and parses the next in a new thread", async () => {
    const parser = open({ entry: MISBEHAVING, timeoutMs: 1500 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const error = await failure(parser.parse(act("hang"), live()));
    clearInterval(ticker);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ code: "EXTRACTION_TIMEOUT", retryable: false });
    expect((error as Error).message).toMatch(/took longer than 2 s/);
    // The hang is in the thread, not here: this thread kept running its timers meanwhile.
    expect(ticks).toBeGreaterThan(5);

    const next = await parser.parse(await meetPdf(), live());
    expect(next.swims.length).toBeGreaterThan(0);
    expect(parser.threadsStarted).toBe(2);
  });

  it("stops a PDF that needs more than the memory limit", async () => {
    const parser = open({ entry: MISBEHAVING, memoryMb: 192 });
    const error = await failure(parser.parse(act("grow"), live()));
    expect(error).toMatchObject({ code: "INTERNAL", retryable: false });
    expect((error as Error).message).toMatch(/more than 192 MB of memory/);
  });

  it("fails a parse whose thread crashes or exits, and carries on", async () => {
    const parser = open({ entry: MISBEHAVING });
    expect(await failure(parser.parse(act("crash"), live()))).toMatchObject({
      code: "INTERNAL",
      message: expect.stringMatching(/crashed on this PDF \(a parser bug\)/),
    });
    expect(await failure(parser.parse(act("exit"), live()))).toMatchObject({
      code: "INTERNAL",
      message: expect.stringMatching(/exit code 3/),
    });
    expect((await parser.parse(await meetPdf(), live())).swims.length).toBeGreaterThan(0);
    expect(parser.threadsStarted).toBe(3);
  });

  it("answers an aborted parse at once, whether running or waiting for a thread", async () => {
    const parser = open({ entry: MISBEHAVING });
    const running = new AbortController();
    const waiting = new AbortController();
    const hung = failure(parser.parse(act("hang"), running.signal));
    const queued = failure(parser.parse(act("thread-id"), waiting.signal));
    waiting.abort();
    expect(await queued).toBeInstanceOf(JobCancelledError);
    running.abort();
    expect(await hung).toBeInstanceOf(JobCancelledError);
    await expect(parser.parse(act("x"), running.signal)).rejects.toBeInstanceOf(JobCancelledError);
  });

  it("runs up to its size at once and queues the rest", async () => {
    const parser = open({ entry: MISBEHAVING, size: 2 });
    parser.warm();
    const threadOf = async () => ((await failure(parser.parse(act("thread-id"), live()))) as Error).message;
    const seen = await Promise.all([threadOf(), threadOf(), threadOf(), threadOf()]);
    expect(new Set(seen).size).toBe(2);
    expect(parser.threadsStarted).toBe(2);
  });
});
