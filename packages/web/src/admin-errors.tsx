/** The admin's error log: one row per job failure with its attempts and outcome, filter and page from the URL. */
import { type AdminErrorEntry, adminErrorEntrySchema, type ErrorOutcome } from "@splitstream/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { AdminTable, Pager } from "./admin-parts.tsx";
import type { AdminView } from "./admin-search.ts";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { formatDateTime } from "./format.ts";
import { type AdminErrorFilters, adminErrorsQuery, adminKeys } from "./queries.ts";
import { Link } from "./router.tsx";

const OUTCOME_LABEL: Record<ErrorOutcome, { text: string; badge: string }> = {
  failed: { text: "Gave up", badge: "badge-bad" },
  retrying: { text: "Retrying", badge: "badge-info" },
  recovered: { text: "Recovered", badge: "badge-ok" },
  cancelled: { text: "Cancelled", badge: "" },
};

const SHOW_VALUE = { false: "unresolved", true: "resolved" } as const;

export function ErrorsPanel({
  filters,
  onChange,
}: {
  filters: AdminErrorFilters;
  onChange: (change: (view: AdminView) => AdminView) => void;
}) {
  const id = useId();
  const errors = useQuery({ ...adminErrorsQuery(filters), placeholderData: keepPreviousData });
  const data = errors.data;
  const show = filters.resolved ? SHOW_VALUE[filters.resolved] : "all";
  const setShow = (value: string) =>
    onChange((view) => ({
      ...view,
      errors: { page: 1, resolved: value === "resolved" ? "true" : value === "all" ? undefined : "false" },
    }));
  return (
    <section className="card" aria-labelledby="admin-errors-title">
      <h2 id="admin-errors-title">Error log</h2>
      <p className="muted">One row per failure of a file: its retries are counted in Attempts.</p>
      <div className="admin-filters">
        <div>
          <label htmlFor={id}>Show</label>
          <select id={id} value={show} onChange={(event) => setShow(event.target.value)}>
            <option value="unresolved">Unresolved</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </div>
      </div>
      {errors.isError && <p className="form-error">{errors.error.message}</p>}
      {data && (
        <>
          <AdminTable label="Error log table">
            <table data-testid="admin-errors" aria-busy={errors.isFetching}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Batch</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      No errors here.
                    </td>
                  </tr>
                )}
                {data.items.map((entry) => (
                  <ErrorRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </AdminTable>
          <Pager
            label="Error log pages"
            noun="failures"
            page={data.page}
            totalPages={data.totalPages}
            total={data.total}
            onPage={(page) => onChange((view) => ({ ...view, errors: { ...view.errors, page } }))}
          />
        </>
      )}
    </section>
  );
}

function ErrorRow({ entry }: { entry: AdminErrorEntry }) {
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: () =>
      readApi(
        api.admin.errors[":id"].resolve.$post({ param: { id: String(entry.id) }, json: {} }),
        adminErrorEntrySchema,
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const outcome = OUTCOME_LABEL[entry.outcome];
  return (
    <tr data-testid="admin-error-row">
      <td>
        {formatDateTime(entry.createdAt)}
        {entry.attempts > 1 && <div className="muted">first {formatDateTime(entry.firstAt)}</div>}
      </td>
      <td>
        <code>{entry.code}</code>
      </td>
      <td className="admin-message">{entry.message}</td>
      <td data-testid="admin-error-attempts">
        {entry.attempts} {entry.attempts === 1 ? "attempt" : "attempts"}
      </td>
      <td>
        <span className={`badge ${outcome.badge}`}>{outcome.text}</span>
      </td>
      <td>{entry.batchId ? <Link href={`/batches/${entry.batchId}`}>Open batch</Link> : "—"}</td>
      <td>
        {entry.resolution ? (
          <span className="badge badge-ok">Resolved by {entry.resolution.resolvedBy}</span>
        ) : (
          <button
            type="button"
            className="button secondary"
            onClick={() => resolve.mutate()}
            disabled={resolve.isPending}
            aria-label={`Mark resolved: error ${entry.id} (${entry.code})`}
          >
            Mark resolved
          </button>
        )}
        {resolve.isError && <span className="field-error">{resolve.error.message}</span>}
      </td>
    </tr>
  );
}
