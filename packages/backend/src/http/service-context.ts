/** The services' context for one request, from the app's dependencies. */
import type { Context } from "hono";
import type { ServiceContext } from "../services/service-context.ts";
import type { AppEnv } from "./app-env.ts";

export function serviceContext<E extends AppEnv>(c: Context<E>): ServiceContext {
  // Hono's Context is invariant in its env; every env of this app extends AppEnv, which holds deps.
  const { database, clock, logger } = (c as unknown as Context<AppEnv>).get("deps");
  return { database, clock, logger };
}
