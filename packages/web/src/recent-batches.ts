/**
 * This device's recent batches, kept in localStorage so a parent who closes the tab can still find them.
 * Storage is best effort: corrupt JSON reads as an empty list, and where localStorage throws (private
 * mode, storage turned off, quota) the list lives in memory for the tab's life instead.
 */

export interface RecentBatch {
  id: string;
  swimmerName: string;
  /** Files and links sent in the batch. */
  fileCount: number;
  /** When the batch was created, ISO 8601. */
  createdAt: string;
}

/** Versioned, so a later shape can be read or dropped without tripping over this one. */
export const RECENT_BATCHES_KEY = "splitstream.recent-batches.v1";
const STORAGE_VERSION = 1;
/** Enough for a season of meets; older ones fall off the end. */
export const MAX_RECENT_BATCHES = 20;
const CHANGE_EVENT = "splitstream:recent-batches";

interface Stored {
  version: number;
  batches: RecentBatch[];
}

function isRecentBatch(value: unknown): value is RecentBatch {
  if (!value || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === "string" &&
    entry.id.length > 0 &&
    typeof entry.swimmerName === "string" &&
    typeof entry.fileCount === "number" &&
    Number.isInteger(entry.fileCount) &&
    entry.fileCount >= 0 &&
    typeof entry.createdAt === "string" &&
    !Number.isNaN(Date.parse(entry.createdAt))
  );
}

/** Reads what storage holds; anything unreadable (bad JSON, another version, odd entries) is skipped. */
export function parseRecentBatches(raw: string | null): RecentBatch[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!data || typeof data !== "object") return [];
  const stored = data as Partial<Stored>;
  if (stored.version !== STORAGE_VERSION || !Array.isArray(stored.batches)) return [];
  const seen = new Set<string>();
  const batches: RecentBatch[] = [];
  for (const entry of stored.batches) {
    if (!isRecentBatch(entry) || seen.has(entry.id)) continue;
    seen.add(entry.id);
    batches.push({
      id: entry.id,
      swimmerName: entry.swimmerName,
      fileCount: entry.fileCount,
      createdAt: entry.createdAt,
    });
  }
  return batches.slice(0, MAX_RECENT_BATCHES);
}

/** Set once storage has failed us: from then on this tab keeps the list in memory. */
let memoryList: RecentBatch[] | null = null;
/** The last list read, by the text it came from, so React sees the same array until storage changes. */
let cache: { raw: string | null; list: RecentBatch[] } = { raw: null, list: [] };

function readRaw(): { ok: true; raw: string | null } | { ok: false } {
  try {
    return { ok: true, raw: window.localStorage.getItem(RECENT_BATCHES_KEY) };
  } catch {
    return { ok: false };
  }
}

/** This device's batches, newest first. The same array is returned until the list changes. */
export function loadRecentBatches(): RecentBatch[] {
  if (memoryList) return memoryList;
  const read = readRaw();
  if (!read.ok) {
    memoryList = cache.list;
    return memoryList;
  }
  if (read.raw !== cache.raw) cache = { raw: read.raw, list: parseRecentBatches(read.raw) };
  return cache.list;
}

function save(batches: RecentBatch[]): void {
  const list = batches.slice(0, MAX_RECENT_BATCHES);
  if (!memoryList) {
    try {
      const raw = JSON.stringify({ version: STORAGE_VERSION, batches: list } satisfies Stored);
      window.localStorage.setItem(RECENT_BATCHES_KEY, raw);
      cache = { raw, list };
    } catch {
      memoryList = list;
    }
  } else {
    memoryList = list;
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Remembers a batch on this device (again: it moves to the top). Anyone may call it, any number of times. */
export function rememberBatch(batch: Omit<RecentBatch, "createdAt"> & { createdAt?: string }): void {
  const entry: RecentBatch = {
    id: batch.id,
    swimmerName: batch.swimmerName,
    fileCount: batch.fileCount,
    createdAt: batch.createdAt ?? new Date().toISOString(),
  };
  if (!isRecentBatch(entry)) return;
  save([entry, ...loadRecentBatches().filter((other) => other.id !== entry.id)]);
}

export function forgetBatch(id: string): void {
  const current = loadRecentBatches();
  if (current.some((batch) => batch.id === id)) save(current.filter((batch) => batch.id !== id));
}

export function forgetAllBatches(): void {
  if (memoryList) {
    memoryList = [];
  } else {
    try {
      window.localStorage.removeItem(RECENT_BATCHES_KEY);
      cache = { raw: null, list: [] };
    } catch {
      memoryList = [];
    }
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Calls `onChange` when the list changes, in this tab or (through the storage event) in another. */
export function subscribeRecentBatches(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === RECENT_BATCHES_KEY) onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/** For tests: forget the in-memory fallback and the cache, as a fresh page load would. */
export function resetRecentBatchesForTests(): void {
  memoryList = null;
  cache = { raw: null, list: [] };
}
