/**
 * The admin page's filters and pages, kept in the query string so a reload keeps them, Back and
 * Forward step through them, and a filtered view can be sent to someone as a link.
 */
import { batchStatusSchema } from "@splitstream/shared";
import { useMemo } from "react";
import type { AdminBatchFilters, AdminErrorFilters } from "./queries.ts";
import { setSearch, useSearch } from "./router.tsx";

export interface AdminView {
  batches: AdminBatchFilters;
  errors: AdminErrorFilters;
}

/** The error log's "Show" choice as the URL spells it (`errors=`); unresolved, the default, is left out. */
type ErrorShow = "unresolved" | "resolved" | "all";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the view from a query string, dropping whatever is not a valid value (an edited link). */
export function parseAdminView(search: string): AdminView {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const day = (name: string) => {
    const value = text(name);
    return value && DAY.test(value) ? value : undefined;
  };
  const status = text("status");
  const show = text("errors") as ErrorShow | undefined;
  return {
    batches: {
      page: pageOf(params.get("page")),
      status: batchStatusSchema.safeParse(status).data,
      swimmer: text("swimmer")?.slice(0, 120),
      from: day("from"),
      to: day("to"),
    },
    errors: {
      page: pageOf(params.get("errorsPage")),
      resolved: show === "resolved" ? "true" : show === "all" ? undefined : "false",
    },
  };
}

function pageOf(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The query string of a view: defaults (page 1, unresolved errors) are left out to keep links short. */
export function adminViewSearch(view: AdminView): URLSearchParams {
  const params = new URLSearchParams();
  const { batches, errors } = view;
  if (batches.status) params.set("status", batches.status);
  if (batches.swimmer) params.set("swimmer", batches.swimmer);
  if (batches.from) params.set("from", batches.from);
  if (batches.to) params.set("to", batches.to);
  if (batches.page > 1) params.set("page", String(batches.page));
  if (errors.resolved === "true") params.set("errors", "resolved");
  if (errors.resolved === undefined) params.set("errors", "all");
  if (errors.page > 1) params.set("errorsPage", String(errors.page));
  return params;
}

/** The view the URL holds, and a way to change it that leaves a history entry. */
export function useAdminView(): [AdminView, (change: (view: AdminView) => AdminView) => void] {
  const search = useSearch();
  const view = useMemo(() => parseAdminView(search), [search]);
  const update = (change: (view: AdminView) => AdminView) =>
    setSearch(adminViewSearch(change(parseAdminView(window.location.search))));
  return [view, update];
}
