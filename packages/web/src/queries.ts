/** Every TanStack Query option in one place, with hierarchical keys. */

import {
  adminBatchListSchema,
  adminCacheStatsSchema,
  adminErrorListSchema,
  adminSessionSchema,
  adminSummarySchema,
  adminWorkerListSchema,
  type BatchStatus,
  batchProgressSchema,
  batchResultsSchema,
  batchSchema,
  batchWithJobsSchema,
} from "@splitstream/shared";
import { queryOptions } from "@tanstack/react-query";
import { parseResponse } from "hono/client";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { applySnapshot, emptyLiveBatch, type LiveBatch } from "./batch-event-reducer.ts";

export const healthQuery = queryOptions({
  queryKey: ["health"],
  queryFn: () => parseResponse(api.health.$get()),
  refetchInterval: 30_000,
  retry: false,
});

export const batchKeys = {
  all: ["batches"] as const,
  live: (id: string) => ["batches", id] as const,
  progress: (id: string) => ["batches", id, "progress"] as const,
  results: (id: string) => ["batches", id, "results"] as const,
  status: (id: string) => ["batches", id, "status"] as const,
};

/** A remembered batch as the home page lists it; re-read every few seconds while it is still being read. */
export const batchStatusQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.status(id),
    queryFn: ({ signal }) =>
      readApi(api.batches[":id"].$get({ param: { id } }, { init: { signal } }), batchSchema),
    retry: (count, error) => count < 2 && !isNotFound(error),
    refetchInterval: (query) =>
      query.state.data?.status === "pending" || query.state.data?.status === "processing" ? 5_000 : false,
  });

/**
 * The batch as the live view holds it: a fetched snapshot folded into whatever the event stream already
 * wrote, through the same reducer, so a slow fetch never rolls the page back.
 */
export const liveBatchQuery = (id: string, getCurrent: () => LiveBatch | undefined) =>
  queryOptions({
    queryKey: batchKeys.live(id),
    queryFn: async ({ signal }): Promise<LiveBatch> => {
      const batch = await readApi(
        api.batches[":id"].$get({ param: { id } }, { init: { signal } }),
        batchWithJobsSchema,
      );
      return applySnapshot(getCurrent() ?? emptyLiveBatch, batch);
    },
    // The event stream keeps it current; refetches happen only on purpose (reset, gaps, reconnects).
    staleTime: Number.POSITIVE_INFINITY,
    retry: (count, error) => count < 2 && !isNotFound(error),
  });

export const batchProgressQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.progress(id),
    queryFn: ({ signal }) =>
      readApi(api.batches[":id"].progress.$get({ param: { id } }, { init: { signal } }), batchProgressSchema),
    retry: false,
  });

export const batchResultsQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.results(id),
    queryFn: ({ signal }) =>
      readApi(api.batches[":id"].results.$get({ param: { id } }, { init: { signal } }), batchResultsSchema),
    retry: 1,
  });

export const resultLinkQuery = (code: string) =>
  queryOptions({
    queryKey: ["results", code],
    queryFn: ({ signal }) =>
      readApi(api.results[":code"].$get({ param: { code } }, { init: { signal } }), batchResultsSchema),
    retry: (count, error) => count < 2 && !isNotFound(error),
  });

function isNotFound(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === 404 || status === 410 || status === 400;
}

export interface AdminBatchFilters {
  page: number;
  status?: BatchStatus;
  swimmer?: string;
  from?: string;
  to?: string;
}

export interface AdminErrorFilters {
  page: number;
  resolved?: "true" | "false";
}

/** Query parameters as the URL carries them: strings, with empty and absent filters left out. */
function queryOf<T extends Record<string, string | number | undefined>>(
  params: T,
): { [K in keyof T]?: T[K] extends number ? string : Exclude<T[K], undefined> } {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") query[key] = String(value);
  return query as { [K in keyof T]?: T[K] extends number ? string : Exclude<T[K], undefined> };
}

export const adminKeys = {
  all: ["admin"] as const,
  session: ["admin", "session"] as const,
  summary: ["admin", "summary"] as const,
  workers: ["admin", "workers"] as const,
  cache: ["admin", "cache"] as const,
  batches: (filters: AdminBatchFilters) => ["admin", "batches", filters] as const,
  errors: (filters: AdminErrorFilters) => ["admin", "errors", filters] as const,
};

export const adminSessionQuery = queryOptions({
  queryKey: adminKeys.session,
  queryFn: ({ signal }) => readApi(api.admin.session.$get({}, { init: { signal } }), adminSessionSchema),
  retry: false,
});

export const adminSummaryQuery = queryOptions({
  queryKey: adminKeys.summary,
  queryFn: ({ signal }) => readApi(api.admin.summary.$get({}, { init: { signal } }), adminSummarySchema),
  refetchInterval: 10_000,
});

export const adminWorkersQuery = queryOptions({
  queryKey: adminKeys.workers,
  queryFn: ({ signal }) => readApi(api.admin.workers.$get({}, { init: { signal } }), adminWorkerListSchema),
  refetchInterval: 5_000,
});

export const adminCacheQuery = queryOptions({
  queryKey: adminKeys.cache,
  queryFn: ({ signal }) => readApi(api.admin.cache.$get({}, { init: { signal } }), adminCacheStatsSchema),
  refetchInterval: 30_000,
});

export const adminBatchesQuery = (filters: AdminBatchFilters) =>
  queryOptions({
    queryKey: adminKeys.batches(filters),
    queryFn: ({ signal }) =>
      readApi(
        api.batches.$get({ query: queryOf({ ...filters, pageSize: 20 }) }, { init: { signal } }),
        adminBatchListSchema,
      ),
    placeholderData: (previous) => previous,
  });

export const adminErrorsQuery = (filters: AdminErrorFilters) =>
  queryOptions({
    queryKey: adminKeys.errors(filters),
    queryFn: ({ signal }) =>
      readApi(
        api.admin.errors.$get({ query: queryOf({ ...filters, pageSize: 20 }) }, { init: { signal } }),
        adminErrorListSchema,
      ),
    placeholderData: (previous) => previous,
  });
