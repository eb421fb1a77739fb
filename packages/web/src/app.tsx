/** The app shell: a slim header, a notice when the service is not answering, the page the URL names, and a footer. */
import { lazy, Suspense } from "react";
import { BatchPage } from "./batch-page.tsx";
import { HealthNotice } from "./health-badge.tsx";
import { NewBatchPage } from "./new-batch-page.tsx";
import { ResultLinkPage } from "./result-link-page.tsx";
import { Link, matchRoute, usePathname } from "./router.tsx";
import "./app-shell.css";

// Admins are few: their page is a separate chunk the uploaders never download.
const AdminPage = lazy(() => import("./admin-page.tsx").then((module) => ({ default: module.AdminPage })));

export function App() {
  const route = matchRoute(usePathname());
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar no-print">
        <Link href="/" className="brand">
          Splitstream
        </Link>
        <nav aria-label="Main" className="topnav">
          <Link href="/" aria-current={route.page === "new" ? "page" : undefined}>
            New batch
          </Link>
        </nav>
      </header>
      <HealthNotice />
      <main id="main">
        {route.page === "new" && <NewBatchPage />}
        {route.page === "batch" && <BatchPage key={route.id} id={route.id} />}
        {route.page === "result" && <ResultLinkPage key={route.code} code={route.code} />}
        {route.page === "admin" && (
          <Suspense fallback={<p aria-busy="true">Loading…</p>}>
            <AdminPage />
          </Suspense>
        )}
        {route.page === "not-found" && (
          <section className="page">
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
              <Link href="/">Go to the start page</Link>
            </p>
          </section>
        )}
      </main>
      <footer className="footer no-print">
        <Link href="/admin" className="footer-link">
          Admin
        </Link>
      </footer>
    </div>
  );
}
