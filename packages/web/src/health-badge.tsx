/**
 * Tells parents when the service is not answering, in plain words, and says nothing while it is fine:
 * database and version details are for the admin page, not for someone at the pool.
 */
import { useQuery } from "@tanstack/react-query";
import { healthQuery } from "./queries.ts";

export function HealthNotice() {
  const health = useQuery(healthQuery);
  const down = health.isError || (health.isSuccess && health.data.status !== "ok");
  // The live region is always there, so a screen reader announces the sentence when it appears.
  return (
    <div className="health-notice-region no-print" role="status">
      {down && (
        <p className="health-notice" data-testid="service-down">
          The service is not answering; try again in a minute.
        </p>
      )}
    </div>
  );
}
