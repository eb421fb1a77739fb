/** The services' context for one request, from the app's dependencies. */
import type { Context } from "hono";
import type { ServiceContext } from "../services/service-context.ts";
import type { AppEnv } from "./app-env.ts";

export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const { database, clock, logger } = c.get("deps");
  return { database, clock, logger };
}
