/**
 * The device's list of recent batches: order, cap, forgetting, and surviving bad or missing storage.
 * The repo's jsdom (31) needs Node 22 and the engines field allows Node 20, so the browser's window and
 * localStorage are stood in for by a small in-memory Storage on an EventTarget: what the module uses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  forgetAllBatches,
  forgetBatch,
  loadRecentBatches,
  MAX_RECENT_BATCHES,
  parseRecentBatches,
  RECENT_BATCHES_KEY,
  type RecentBatch,
  rememberBatch,
  resetRecentBatchesForTests,
  subscribeRecentBatches,
} from "./recent-batches.ts";

/** localStorage as the Web Storage spec describes it, over a Map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

let storage: MemoryStorage;

function batch(n: number, overrides: Partial<RecentBatch> = {}): RecentBatch {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    swimmerName: `Invented Swimmer ${n}`,
    fileCount: n,
    createdAt: new Date(Date.UTC(2026, 10, 1, 10, n)).toISOString(),
    ...overrides,
  };
}

/** Stands in for a browser whose localStorage getter throws (Safari private mode, storage blocked). */
function blockStorage() {
  Object.defineProperty(globalThis.window, "localStorage", {
    configurable: true,
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
}

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal("window", Object.assign(new EventTarget(), { localStorage: storage }));
  resetRecentBatchesForTests();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("remembering batches", () => {
  it("keeps them newest first under a versioned key, and moves a batch remembered again to the top", () => {
    rememberBatch(batch(1));
    rememberBatch(batch(2));
    rememberBatch({ ...batch(1), swimmerName: "Renamed Swimmer" });
    expect(loadRecentBatches().map((entry) => entry.swimmerName)).toEqual([
      "Renamed Swimmer",
      "Invented Swimmer 2",
    ]);
    const stored = JSON.parse(storage.getItem(RECENT_BATCHES_KEY) ?? "null");
    expect(stored.version).toBe(1);
    expect(stored.batches).toHaveLength(2);
  });

  it("fills in the time when the caller gives none", () => {
    rememberBatch({ id: batch(1).id, swimmerName: "Invented Swimmer", fileCount: 2 });
    const [entry] = loadRecentBatches();
    expect(Number.isNaN(Date.parse(entry?.createdAt ?? ""))).toBe(false);
  });

  it(`keeps at most ${MAX_RECENT_BATCHES}, dropping the oldest`, () => {
    for (let n = 1; n <= MAX_RECENT_BATCHES + 5; n++) rememberBatch(batch(n));
    const list = loadRecentBatches();
    expect(list).toHaveLength(MAX_RECENT_BATCHES);
    expect(list[0]?.id).toBe(batch(MAX_RECENT_BATCHES + 5).id);
    expect(list.at(-1)?.id).toBe(batch(6).id);
  });

  it("returns the same array until the list changes, as useSyncExternalStore needs", () => {
    rememberBatch(batch(1));
    const first = loadRecentBatches();
    expect(loadRecentBatches()).toBe(first);
    rememberBatch(batch(2));
    expect(loadRecentBatches()).not.toBe(first);
  });

  it("tells subscribers about each change", () => {
    const onChange = vi.fn();
    const unsubscribe = subscribeRecentBatches(onChange);
    rememberBatch(batch(1));
    forgetBatch(batch(1).id);
    forgetAllBatches();
    unsubscribe();
    rememberBatch(batch(2));
    expect(onChange).toHaveBeenCalledTimes(3);
  });
});

describe("forgetting", () => {
  it("forgets one batch and leaves the others", () => {
    for (const n of [1, 2, 3]) rememberBatch(batch(n));
    forgetBatch(batch(2).id);
    expect(loadRecentBatches().map((entry) => entry.id)).toEqual([batch(3).id, batch(1).id]);
  });

  it("forgets them all", () => {
    for (const n of [1, 2]) rememberBatch(batch(n));
    forgetAllBatches();
    expect(loadRecentBatches()).toEqual([]);
    expect(storage.getItem(RECENT_BATCHES_KEY)).toBeNull();
  });

  it("does nothing for a batch it does not know", () => {
    rememberBatch(batch(1));
    const before = loadRecentBatches();
    forgetBatch(batch(9).id);
    expect(loadRecentBatches()).toBe(before);
  });
});

describe("bad storage", () => {
  it.each([
    ["not JSON", "{oops"],
    ["JSON null", "null"],
    ["another version", JSON.stringify({ version: 99, batches: [batch(1)] })],
    ["batches not a list", JSON.stringify({ version: 1, batches: "many" })],
    ["a bare array", JSON.stringify([batch(1)])],
  ])("reads %s as no batches, and a new batch replaces it", (_what, raw) => {
    storage.setItem(RECENT_BATCHES_KEY, raw);
    expect(loadRecentBatches()).toEqual([]);
    rememberBatch(batch(1));
    expect(loadRecentBatches().map((entry) => entry.id)).toEqual([batch(1).id]);
  });

  it("skips odd entries and duplicates but keeps the good ones", () => {
    const raw = JSON.stringify({
      version: 1,
      batches: [
        batch(1),
        { id: 5 },
        null,
        { ...batch(2), fileCount: -1 },
        { ...batch(3), createdAt: "yesterday-ish" },
        batch(1),
        batch(4),
      ],
    });
    expect(parseRecentBatches(raw).map((entry) => entry.id)).toEqual([batch(1).id, batch(4).id]);
  });

  it("works in memory for the tab when localStorage throws on every use", () => {
    blockStorage();
    expect(loadRecentBatches()).toEqual([]);
    rememberBatch(batch(1));
    rememberBatch(batch(2));
    expect(loadRecentBatches().map((entry) => entry.id)).toEqual([batch(2).id, batch(1).id]);
    forgetBatch(batch(2).id);
    expect(loadRecentBatches().map((entry) => entry.id)).toEqual([batch(1).id]);
    forgetAllBatches();
    expect(loadRecentBatches()).toEqual([]);
  });

  it("keeps the list in memory when writing fails (a full quota)", () => {
    rememberBatch(batch(1));
    vi.spyOn(storage, "setItem").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    rememberBatch(batch(2));
    expect(loadRecentBatches().map((entry) => entry.id)).toEqual([batch(2).id, batch(1).id]);
  });
});
