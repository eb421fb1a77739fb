/** GET /health: whether this instance and its database answer, and which migrations are applied. */
import { createRoute } from "@hono/zod-openapi";
import { healthResponseSchema } from "@splitstream/shared";
import { createRouter } from "../http/create-router.ts";
import { serviceContext } from "../http/service-context.ts";
import { checkHealth } from "../services/check-health.ts";

const getHealth = createRoute({
  method: "get",
  path: "/health",
  tags: ["health"],
  summary: "Instance and database health",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: healthResponseSchema } } },
    503: {
      description: "The database does not answer",
      content: { "application/json": { schema: healthResponseSchema } },
    },
  },
});

export const healthRoutes = createRouter().openapi(getHealth, async (c) => {
  const { config, version } = c.get("deps");
  const health = await checkHealth({
    ctx: serviceContext(c),
    input: { version, emailEnabled: Boolean(config.SMTP_URL) },
  });
  return health.status === "ok" ? c.json(health, 200) : c.json(health, 503);
});
