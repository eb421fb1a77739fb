/** Shows whether the service and its database answer. */
import { useQuery } from "@tanstack/react-query";
import { healthQuery } from "./queries.ts";

export function HealthBadge() {
  const health = useQuery(healthQuery);
  if (health.isPending) return <span className="badge">Checking service…</span>;
  if (health.isError) {
    return (
      <span className="badge badge-bad" role="status">
        Service unavailable
      </span>
    );
  }
  return (
    <span className="badge badge-ok" role="status" data-testid="health-status">
      Service {health.data.status} · database {health.data.db.driver}
    </span>
  );
}
