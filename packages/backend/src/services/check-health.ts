/** Asks the database whether it answers and which migrations it has, within a short deadline. */
import type { HealthResponse } from "@splitstream/shared";
import { sql } from "drizzle-orm";
import { migrationStatus } from "../db/migrate.ts";
import type { ServiceContext } from "./service-context.ts";

const HEALTH_DEADLINE_MS = 2000;

export async function checkHealth({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { version: string; emailEnabled: boolean };
}): Promise<HealthResponse> {
  const { database } = ctx;
  const { version } = input;
  const email = { enabled: input.emailEnabled };
  try {
    const [migrations, activeWorkers] = await withDeadline(
      Promise.all([
        migrationStatus(database),
        database.rows<{ active: number }>(
          sql`select count(*)::int as active from worker_status_summary where responsive`,
        ),
      ]),
      HEALTH_DEADLINE_MS,
    );
    return {
      status: "ok",
      db: { driver: database.driver, migrations, reachable: true },
      workers: { active: activeWorkers[0]?.active ?? 0 },
      email,
      version,
    };
  } catch (error) {
    ctx.logger.warn({ err: error }, "health check: database unreachable");
    return {
      status: "unavailable",
      db: { driver: database.driver, migrations: { applied: 0, latest: null }, reachable: false },
      workers: { active: 0 },
      email,
      version,
    };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
