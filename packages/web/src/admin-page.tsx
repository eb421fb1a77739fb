/** The admin page: token login, batches with filters and paging, summary, workers, error log and cache. */

import {
  type AdminBatchRow,
  type AdminErrorEntry,
  adminDeletedBatchSchema,
  adminErrorEntrySchema,
  adminSessionSchema,
  BATCH_STATUSES,
  batchWithJobsSchema,
  TERMINAL_BATCH_STATUSES,
} from "@splitstream/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { requestJson } from "./api-request.ts";
import { formatBytes, formatDateTime, formatDuration } from "./format.ts";
import {
  type AdminBatchFilters,
  type AdminErrorFilters,
  adminBatchesQuery,
  adminCacheQuery,
  adminErrorsQuery,
  adminKeys,
  adminSessionQuery,
  adminSummaryQuery,
  adminWorkersQuery,
} from "./queries.ts";
import { Link } from "./router.tsx";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function AdminPage() {
  const session = useQuery(adminSessionQuery);
  if (session.isPending) return <p aria-busy="true">Checking the admin session…</p>;
  if (session.isError) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Admin</h1>
        <p className="form-error" role="alert">
          Could not reach the admin API: {session.error.message}
        </p>
      </section>
    );
  }
  if (!session.data.enabled) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Admin</h1>
        <p>Admin is switched off on this server (no ADMIN_TOKEN is configured).</p>
      </section>
    );
  }
  return session.data.authenticated ? <AdminDashboard /> : <AdminLogin />;
}

function AdminLogin() {
  const queryClient = useQueryClient();
  const id = useId();
  const [token, setToken] = useState("");
  const login = useMutation({
    mutationFn: (value: string) =>
      requestJson("/admin/login", adminSessionSchema, { method: "POST", body: { token: value } }),
    onSuccess: (data) => {
      queryClient.setQueryData(adminKeys.session, data);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(token);
  };
  return (
    <section className="page" aria-labelledby="admin-login-title">
      <h1 id="admin-login-title" tabIndex={-1}>
        Admin sign-in
      </h1>
      <form className="card form" onSubmit={onSubmit} style={{ maxWidth: 460 }}>
        <div className="field">
          <label htmlFor={id}>Admin token</label>
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={login.isError}
            aria-describedby={login.isError ? `${id}-error` : undefined}
            required
          />
          {login.isError && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {login.error.message}
            </p>
          )}
        </div>
        <button type="submit" className="button primary" disabled={login.isPending || !token}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}

function AdminDashboard() {
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => requestJson("/admin/logout", adminSessionSchema, { method: "POST" }),
    onSuccess: (data) => {
      // The page watches the session query: set it, and drop only the rest. A removed query keeps its
      // observers but no longer hears of new data, so removing the session too left the page signed in.
      queryClient.setQueryData(adminKeys.session, data);
      queryClient.removeQueries({
        queryKey: adminKeys.all,
        predicate: (query) => query.queryKey[1] !== adminKeys.session[1],
      });
    },
  });
  return (
    <section className="page" aria-labelledby="admin-title">
      <div className="page-head">
        <h1 id="admin-title" tabIndex={-1}>
          Admin
        </h1>
        <button type="button" className="button secondary" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </div>
      <SummaryPanel />
      <BatchesPanel />
      <WorkersPanel />
      <ErrorsPanel />
    </section>
  );
}

function SummaryPanel() {
  const summary = useQuery(adminSummaryQuery);
  const cache = useQuery(adminCacheQuery);
  if (!summary.data)
    return <p aria-busy="true">{summary.isError ? summary.error.message : "Loading summary…"}</p>;
  const data = summary.data;
  return (
    <div className="admin-grid" data-testid="admin-summary">
      <div className="card">
        <h2>Batches by status</h2>
        <dl className="counters">
          {BATCH_STATUSES.map((status) => (
            <div key={status} className="counter">
              <dt>{status}</dt>
              <dd>{data.batches.byStatus[status]}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="card">
        <h2>Error rate</h2>
        <p className="stat" data-testid="error-rate">
          {percent(data.errorRate.last24h.rate)}
        </p>
        <p className="muted">
          Last 24 h: {data.errorRate.last24h.failedJobs} of {data.errorRate.last24h.finishedJobs} jobs failed
          · overall {percent(data.errorRate.overall.rate)}
        </p>
        <h3>Top error types</h3>
        {data.topErrorTypes.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ol>
            {data.topErrorTypes.map((type) => (
              <li key={type.code}>
                <code>{type.code}</code> × {type.count}
              </li>
            ))}
          </ol>
        )}
        <p className="muted">{data.unresolvedErrors} unresolved error-log entries.</p>
      </div>
      <div className="card">
        <h2>Cache</h2>
        <p className="stat" data-testid="cache-hit-rate">
          {percent(data.cache.hitRate)}
        </p>
        <p className="muted">
          hit rate ({data.cache.hits} hits, {data.cache.misses} misses)
        </p>
        {cache.data && (
          <p>
            {cache.data.pdfFiles.count} PDFs, {formatBytes(cache.data.pdfFiles.bytes)} stored ·{" "}
            {cache.data.extractionResults.count} extraction results ({cache.data.extractionResults.failed}{" "}
            failed)
          </p>
        )}
        <p className="muted">
          Workers: {data.workers.responsive} of {data.workers.total} responsive
        </p>
      </div>
    </div>
  );
}

function BatchesPanel() {
  const ids = { status: useId(), swimmer: useId(), from: useId(), to: useId() };
  const [draft, setDraft] = useState({ status: "", swimmer: "", from: "", to: "" });
  const [filters, setFilters] = useState<AdminBatchFilters>({ page: 1 });
  const batches = useQuery({ ...adminBatchesQuery(filters), placeholderData: keepPreviousData });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({
      page: 1,
      status: draft.status || undefined,
      swimmer: draft.swimmer.trim() || undefined,
      from: draft.from || undefined,
      to: draft.to || undefined,
    });
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
          <div className="table-scroll">
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
          </div>
          <Pager
            label="Batch pages"
            noun="batches"
            page={data.page}
            totalPages={data.totalPages}
            total={data.total}
            onPage={(page) => setFilters({ ...filters, page })}
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
      const path = `/batches/${encodeURIComponent(batch.id)}`;
      if (kind === "delete") return requestJson(path, adminDeletedBatchSchema, { method: "DELETE" });
      return requestJson(`${path}/${kind}`, batchWithJobsSchema, { method: "POST" });
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
      <td>
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

function WorkersPanel() {
  const workers = useQuery(adminWorkersQuery);
  return (
    <section className="card" aria-labelledby="admin-workers-title">
      <h2 id="admin-workers-title">Workers</h2>
      {workers.isError && <p className="form-error">{workers.error.message}</p>}
      {workers.data && (
        <div className="table-scroll">
          <table data-testid="admin-workers">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Status</th>
                <th scope="col">Heartbeat</th>
                <th scope="col">Current job</th>
                <th scope="col">Done / failed</th>
              </tr>
            </thead>
            <tbody>
              {workers.data.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty">
                    No workers have registered.
                  </td>
                </tr>
              )}
              {workers.data.items.map((worker) => (
                <tr key={worker.workerId}>
                  <td>
                    {worker.hostname} <span className="muted">pid {worker.pid}</span>
                  </td>
                  <td>
                    <span className={`badge ${worker.responsive ? "badge-ok" : "badge-bad"}`}>
                      {worker.status}
                    </span>
                  </td>
                  <td>{formatDuration(worker.heartbeatAgeSeconds)} ago</td>
                  <td>
                    {worker.currentJob ? (
                      <Link href={`/batches/${worker.currentJob.batchId}`}>
                        {worker.currentJob.source ?? worker.currentJob.id} ({worker.currentJob.stage})
                      </Link>
                    ) : (
                      <span className="muted">idle</span>
                    )}
                  </td>
                  <td>
                    {worker.jobsCompleted} / {worker.jobsFailed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ErrorsPanel() {
  const id = useId();
  const [filters, setFilters] = useState<AdminErrorFilters>({ page: 1, resolved: "false" });
  const errors = useQuery({ ...adminErrorsQuery(filters), placeholderData: keepPreviousData });
  const data = errors.data;
  return (
    <section className="card" aria-labelledby="admin-errors-title">
      <h2 id="admin-errors-title">Error log</h2>
      <div className="admin-filters">
        <div>
          <label htmlFor={id}>Show</label>
          <select
            id={id}
            value={filters.resolved ?? ""}
            onChange={(event) =>
              setFilters({
                page: 1,
                resolved: (event.target.value || undefined) as AdminErrorFilters["resolved"],
              })
            }
          >
            <option value="false">Unresolved</option>
            <option value="true">Resolved</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      {errors.isError && <p className="form-error">{errors.error.message}</p>}
      {data && (
        <>
          <div className="table-scroll">
            <table data-testid="admin-errors">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                  <th scope="col">Batch</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty">
                      No errors here.
                    </td>
                  </tr>
                )}
                {data.items.map((entry) => (
                  <ErrorRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Error log pages"
            noun="entries"
            page={data.page}
            totalPages={data.totalPages}
            total={data.total}
            onPage={(page) => setFilters({ ...filters, page })}
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
      requestJson(`/admin/errors/${entry.id}/resolve`, adminErrorEntrySchema, { method: "POST", body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  return (
    <tr data-testid="admin-error-row">
      <td>{formatDateTime(entry.createdAt)}</td>
      <td>
        <code>{entry.code}</code>
      </td>
      <td className="splits">{entry.message}</td>
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

/** Previous / next for a paged admin list, with where the reader is. */
function Pager(props: {
  label: string;
  noun: string;
  page: number;
  totalPages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { label, noun, page, totalPages, total, onPage } = props;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span>
        Page {page} of {Math.max(1, totalPages)} · {total} {noun}
      </span>
      <button
        type="button"
        className="button secondary"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
