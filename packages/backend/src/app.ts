/** Builds the Hono app from its dependencies: middleware, the API routes under /api/v1, errors, OpenAPI. */
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { ApiError, errorEnvelope, toApiError } from "./http/api-error.ts";
import type { AppDeps } from "./http/app-env.ts";
import { createRouter } from "./http/create-router.ts";
import { requestContext } from "./http/request-context.ts";
import { adminRoutes } from "./routes/admin.ts";
import { adminBatchRoutes } from "./routes/admin-batches.ts";
import { batchEventRoutes } from "./routes/batch-events.ts";
import { batchRoutes } from "./routes/batches.ts";
import { healthRoutes } from "./routes/health.ts";

export const API_PREFIX = "/api/v1";

export function createApi() {
  return createRouter()
    .route("/", healthRoutes)
    .route("/", batchRoutes())
    .route("/", batchEventRoutes)
    .route("/", adminRoutes())
    .route("/", adminBatchRoutes());
}

export type AppType = ReturnType<typeof createApi>;

export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.use("*", requestContext(deps));
  app.use("*", secureHeaders());
  app.use(
    `${API_PREFIX}/*`,
    cors({
      origin: deps.config.CORS_ORIGINS.split(",").map((origin) => origin.trim()),
      credentials: true,
      exposeHeaders: ["X-Request-Id"],
    }),
  );

  const api = createApi();
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Splitstream API", version: deps.version },
    servers: [{ url: API_PREFIX }],
  });
  app.route(API_PREFIX, api);

  app.notFound((c) =>
    errorEnvelope(c, new ApiError("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError.code === "INTERNAL")
      deps.logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return errorEnvelope(c, apiError);
  });
  return app;
}
