/** When the cached tail of a batch's ledger may answer a read, and when the ledger must be read. */
import type { BatchEvent } from "@splitstream/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LedgerTailCache } from "./ledger-tail-cache.ts";

const BATCH = "0f8e4c2a-9b1d-4e5f-8a7b-3c2d1e0f9a8b";

function events(from: number, to: number): BatchEvent[] {
  return Array.from({ length: to - from + 1 }, (_, index) => ({
    type: "job.progress",
    seq: from + index,
    batchId: BATCH,
    at: "2026-12-04T10:00:00.000Z",
    jobId: "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    message: `step ${from + index}`,
    fraction: null,
  }));
}

const seqs = (served: BatchEvent[] | null) => served?.map((event) => event.seq) ?? null;

/** A cache watching BATCH since mark 1, with a complete read of events 1..5 stored (sent at mark 2). */
function warmCache(): LedgerTailCache {
  const cache = new LedgerTailCache();
  cache.retain(BATCH, 1);
  cache.store(BATCH, 0, 200, 2, events(1, 5));
  return cache;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("LedgerTailCache", () => {
  const cases: {
    name: string;
    /** What happens to a warm cache (events 1..5, complete) before the read. */
    before: (cache: LedgerTailCache) => void;
    afterSeq: number;
    /** The seqs served from memory, or null: read the ledger. */
    served: number[] | null;
  }[] = [
    { name: "a cursor inside the tail", before: () => {}, afterSeq: 2, served: [3, 4, 5] },
    { name: "a cursor at the tail's end (nothing newer)", before: () => {}, afterSeq: 5, served: [] },
    { name: "a cursor from the start", before: () => {}, afterSeq: 0, served: [1, 2, 3, 4, 5] },
    { name: "a cursor past the tail", before: () => {}, afterSeq: 6, served: null },
    {
      name: "a NOTIFY names a newer seq",
      before: (cache) => cache.noteNotify(BATCH, 6, 3),
      afterSeq: 2,
      served: null,
    },
    {
      name: "a NOTIFY names a seq the tail holds",
      before: (cache) => cache.noteNotify(BATCH, 5, 3),
      afterSeq: 2,
      served: [3, 4, 5],
    },
    {
      name: "a head read saw a seq whose NOTIFY has not come yet",
      before: (cache) => cache.noteNotify(BATCH, 7, 3),
      afterSeq: 5,
      served: null,
    },
    {
      name: "an unreadable NOTIFY (anything may be newer)",
      before: (cache) => cache.noteNotify(BATCH, null, 3),
      afterSeq: 2,
      served: null,
    },
    {
      name: "the LISTEN connection came back",
      before: (cache) => cache.resetAll(3),
      afterSeq: 2,
      served: null,
    },
    {
      name: "a newer read extends the tail after a NOTIFY",
      before: (cache) => {
        cache.noteNotify(BATCH, 7, 3);
        cache.store(BATCH, 5, 200, 4, events(6, 7));
      },
      afterSeq: 4,
      served: [5, 6, 7],
    },
    {
      name: "a read that would leave a hole is not kept",
      before: (cache) => {
        cache.noteNotify(BATCH, 9, 3);
        cache.store(BATCH, 7, 200, 4, events(8, 9));
      },
      afterSeq: 5,
      served: null,
    },
    {
      name: "a read sent before a reset does not refill the tail",
      before: (cache) => {
        cache.resetAll(10);
        cache.store(BATCH, 0, 200, 9, events(1, 5));
      },
      afterSeq: 0,
      served: null,
    },
  ];
  it.each(cases)("$name: $served", ({ before, afterSeq, served }) => {
    const cache = warmCache();
    before(cache);
    expect(seqs(cache.serve(BATCH, afterSeq, 200))).toEqual(served);
  });

  it("keeps nothing for a batch nobody watches", () => {
    const cache = new LedgerTailCache();
    cache.store(BATCH, 0, 200, 2, events(1, 5));
    expect(cache.serve(BATCH, 0, 200)).toBeNull();
  });

  it("trusts no full page: more may follow it", () => {
    const cache = new LedgerTailCache();
    cache.retain(BATCH, 1);
    cache.store(BATCH, 0, 5, 2, events(1, 5));
    expect(cache.serve(BATCH, 0, 5)).toBeNull();
  });

  it("builds no tail on a read that starts after pruned events", () => {
    const cache = new LedgerTailCache();
    cache.retain(BATCH, 1);
    cache.store(BATCH, 0, 200, 2, events(4, 6));
    expect(cache.serve(BATCH, 3, 200)).toBeNull();
  });

  it("keeps the newest 64 events of a long batch and sends older cursors to the ledger", () => {
    const cache = new LedgerTailCache();
    cache.retain(BATCH, 1);
    cache.store(BATCH, 0, 1000, 2, events(1, 100));
    expect(seqs(cache.serve(BATCH, 36, 1000))).toEqual(Array.from({ length: 64 }, (_, i) => 37 + i));
    expect(cache.serve(BATCH, 35, 1000)).toBeNull();
  });

  it("serves at most the limit asked for", () => {
    expect(seqs(warmCache().serve(BATCH, 0, 2))).toEqual([1, 2]);
  });

  it("a batch deleted while cached: its tail outlives its last watcher by the grace, then goes", () => {
    vi.useFakeTimers();
    const cache = warmCache();
    // Deleting a batch sends no NOTIFY; its streams end and their clients get 404 on reconnecting.
    cache.release(BATCH);
    vi.advanceTimersByTime(29_000);
    expect(seqs(cache.serve(BATCH, 0, 200))).toEqual([1, 2, 3, 4, 5]);
    vi.advanceTimersByTime(2_000);
    expect(cache.serve(BATCH, 0, 200)).toBeNull();
  });

  it("a watcher who comes back within the grace keeps the tail", () => {
    vi.useFakeTimers();
    const cache = warmCache();
    cache.release(BATCH);
    vi.advanceTimersByTime(10_000);
    cache.retain(BATCH, 5);
    vi.advanceTimersByTime(60_000);
    expect(seqs(cache.serve(BATCH, 3, 200))).toEqual([4, 5]);
  });
});
