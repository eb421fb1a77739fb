/** The admin's worker list: one row per worker slot, named apart, with heartbeat and current job. */
import { useQuery } from "@tanstack/react-query";
import { AdminTable } from "./admin-parts.tsx";
import { formatDuration } from "./format.ts";
import { adminWorkersQuery } from "./queries.ts";
import { Link } from "./router.tsx";

export function WorkersPanel() {
  const workers = useQuery(adminWorkersQuery);
  return (
    <section className="card" aria-labelledby="admin-workers-title">
      <h2 id="admin-workers-title">Workers</h2>
      {workers.isError && <p className="form-error">{workers.error.message}</p>}
      {workers.data && (
        <AdminTable label="Workers table">
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
                <tr key={worker.workerId} data-testid="admin-worker-row">
                  <td className="admin-name" title={worker.workerId}>
                    {worker.name}
                  </td>
                  <td>
                    <span className={`badge ${worker.responsive ? "badge-ok" : "badge-bad"}`}>
                      {worker.status}
                    </span>
                  </td>
                  <td>{formatDuration(worker.heartbeatAgeSeconds)} ago</td>
                  <td className="admin-name">
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
        </AdminTable>
      )}
    </section>
  );
}
