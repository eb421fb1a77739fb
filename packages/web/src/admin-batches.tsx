/** The admin's batch list: filters and page from the URL, status and error counts, and per-batch actions. */
import {
  type AdminBatchRow,
  adminDeletedBatchSchema,
  BATCH_STATUSES,
  batchStatusSchema,
  batchWithJobsSchema,
  TERMINAL_BATCH_STATUSES,
} from "@splitstream/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { AdminTable, Pager } from "./admin-parts.tsx";
import type { AdminView } from "./admin-search.ts";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { formatDateTime } from "./format.ts";
import { type AdminBatchFilters, adminBatchesQuery, adminKeys } from "./queries.ts";
import { Link } from "./router.tsx";

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

type Draft = { status: string; swimmer: string; from: string; to: string };

const draftOf = (filters: AdminBatchFilters): Draft => ({
  status: filters.status ?? "",
  swimmer: filters.swimmer ?? "",
  from: filters.from ?? "",
  to: filters.to ?? "",
});

export function BatchesPanel({
  filters,
  onChange,
}: {
  filters: AdminBatchFilters;
  onChange: (change: (view: AdminView) => AdminView) => void;
}) {
  const ids = { status: useId(), swimmer: useId(), from: useId(), to: useId() };
  const [draft, setDraft] = useState(() => draftOf(filters));
  // Back and Forward change the filters under the form: show what is applied, not a stale draft.
  const applied = JSON.stringify(draftOf(filters));
  useEffect(() => setDraft(JSON.parse(applied) as Draft), [applied]);
  const batches = useQuery({ ...adminBatchesQuery(filters), placeholderData: keepPreviousData });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange((view) => ({
      ...view,
      batches: {
        page: 1,
        status: batchStatusSchema.safeParse(draft.status).data,
        swimmer: draft.swimmer.trim() || undefined,
        from: draft.from || undefined,
        to: draft.to || undefined,
      },
    }));
  };
  const data = batches.data;
  return (
    <section className="card" aria-labelledby="admin-batches-title">
      <h2 id="admin-batches-title">Batches</h2>
      <form className="admin-filters" onSubmit={apply} aria-label="Batch filters">
        <div>
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={draft.status}
            onChange={(event) => setDraft({ ...draft, status: event.target.value })}
          >
            <option value="">Any</option>
            {BATCH_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.swimmer}>Swimmer</label>
          <input
            id={ids.swimmer}
            value={draft.swimmer}
            maxLength={120}
            onChange={(event) => setDraft({ ...draft, swimmer: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor={ids.from}>From</label>
          <input
            id={ids.from}
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor={ids.to}>To</label>
          <input
            id={ids.to}
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <button type="submit" className="button primary">
          Apply filters
        </button>
      </form>
      {batches.isError && (
        <p className="form-error" role="alert">
          {batches.error.message}
        </p>
      )}
      {data && (
        <>
          <AdminTable label="Batches table">
            <table data-testid="admin-batches" aria-busy={batches.isFetching}>
              <thead>
                <tr>
                  <th scope="col">Swimmer</th>
                  <th scope="col">Status</th>
                  <th scope="col">Files</th>
                  <th scope="col">Error rate</th>
                  <th scope="col">Top errors</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      No batches match.
                    </td>
                  </tr>
                )}
                {data.items.map((batch) => (
                  <AdminBatchRowView key={batch.id} batch={batch} />
                ))}
              </tbody>
            </table>
          </AdminTable>
          <Pager
            label="Batch pages"
            noun="batches"
            page={data.page}
            totalPages={data.totalPages}
            total={data.total}
            onPage={(page) => onChange((view) => ({ ...view, batches: { ...view.batches, page } }))}
          />
        </>
      )}
    </section>
  );
}

function AdminBatchRowView({ batch }: { batch: AdminBatchRow }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: async (kind: "cancel" | "retry" | "delete") => {
      const param = { id: batch.id };
      if (kind === "delete") return readApi(api.batches[":id"].$delete({ param }), adminDeletedBatchSchema);
      return readApi(api.batches[":id"][kind].$post({ param }), batchWithJobsSchema);
    },
    onSuccess: () => {
      setMessage(null);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
    onError: (error) => setMessage(error.message),
  });
  const terminal = TERMINAL_BATCH_STATUSES.includes(batch.status);
  const { counts } = batch;
  return (
    <tr data-testid="admin-batch-row">
      <td className="admin-name">
        <Link href={`/batches/${batch.id}`}>{batch.swimmerName}</Link>
      </td>
      <td>{batch.status}</td>
      <td>
        {counts.completed}/{counts.total} done
        {counts.failed ? `, ${counts.failed} failed` : ""}
        {counts.cached ? `, ${counts.cached} cached` : ""}
      </td>
      <td>{percent(batch.errorRate)}</td>
      <td>{batch.topErrorTypes.map((type) => `${type.code} × ${type.count}`).join(", ") || "—"}</td>
      <td>{formatDateTime(batch.createdAt)}</td>
      <td>
        <div className="row-actions">
          {batch.resultCode && (
            <a className="button link" href={`/r/${batch.resultCode}`} target="_blank" rel="noreferrer">
              Result link
            </a>
          )}
          <button
            type="button"
            className="button link"
            disabled={terminal || action.isPending}
            onClick={() => action.mutate("cancel")}
            aria-label={`Cancel batch of ${batch.swimmerName}`}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button link"
            disabled={counts.failed === 0 || action.isPending}
            onClick={() => action.mutate("retry")}
            aria-label={`Retry failed files of ${batch.swimmerName}`}
          >
            Retry
          </button>
          <button
            type="button"
            className="button link"
            disabled={action.isPending}
            onClick={() => {
              if (window.confirm(`Delete the batch of ${batch.swimmerName} and its results?`))
                action.mutate("delete");
            }}
            aria-label={`Delete batch of ${batch.swimmerName}`}
          >
            Delete
          </button>
        </div>
        {message && (
          <span className="field-error" role="alert">
            {message}
          </span>
        )}
      </td>
    </tr>
  );
}
