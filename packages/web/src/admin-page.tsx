/**
 * The admin page: token sign-in, then the summary, batches (filters and page in the URL), workers and
 * the error log. Each panel lives in its own admin-*.tsx module.
 */

import { adminSessionSchema, BATCH_STATUSES } from "@splitstream/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { BatchesPanel, percent } from "./admin-batches.tsx";
import { ErrorsPanel } from "./admin-errors.tsx";
import { useAdminView } from "./admin-search.ts";
import { WorkersPanel } from "./admin-workers.tsx";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { formatBytes, formatDateTime } from "./format.ts";
import { adminCacheQuery, adminKeys, adminSessionQuery, adminSummaryQuery } from "./queries.ts";
import "./admin-page.css";

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
      readApi(api.admin.login.$post({ json: { token: value } }), adminSessionSchema),
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
      <form className="card form admin-login" onSubmit={onSubmit}>
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
  const session = useQuery(adminSessionQuery);
  const [view, changeView] = useAdminView();
  const logout = useMutation({
    mutationFn: () => readApi(api.admin.logout.$post(), adminSessionSchema),
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
  const expiresAt = session.data?.expiresAt;
  return (
    <section className="page" aria-labelledby="admin-title">
      <div className="admin-head">
        <div className="admin-head-text">
          <h1 id="admin-title" tabIndex={-1}>
            Admin
          </h1>
          {expiresAt && <p className="muted">Signed in until {formatDateTime(expiresAt)}</p>}
        </div>
        <button
          type="button"
          className="button secondary admin-sign-out"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Sign out
        </button>
      </div>
      <SummaryPanel />
      <BatchesPanel filters={view.batches} onChange={changeView} />
      <WorkersPanel />
      <ErrorsPanel filters={view.errors} onChange={changeView} />
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
        <p className="muted">
          {data.unresolvedErrors} unresolved {data.unresolvedErrors === 1 ? "failure" : "failures"} in the
          error log.
        </p>
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
