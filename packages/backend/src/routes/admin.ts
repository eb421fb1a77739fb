/** The admin API under /admin: login session, summary, workers, error log, cache and result links. */
import { createRoute } from "@hono/zod-openapi";
import {
  adminCacheStatsSchema,
  adminErrorEntrySchema,
  adminErrorIdParamSchema,
  adminErrorListQuerySchema,
  adminErrorListSchema,
  adminLoginBodySchema,
  adminResolveErrorBodySchema,
  adminResultLinkListSchema,
  adminResultLinksQuerySchema,
  adminSessionSchema,
  adminSummarySchema,
  adminWorkerListSchema,
} from "@splitstream/shared";
import { logIn, logOut, resolveAdmin, sessionView } from "../http/admin-auth.ts";
import { createRouter } from "../http/create-router.ts";
import { serviceContext } from "../http/service-context.ts";
import { getCacheStats } from "../services/admin/get-cache-stats.ts";
import { getSummary } from "../services/admin/get-summary.ts";
import { listErrors } from "../services/admin/list-errors.ts";
import { listResultLinks } from "../services/admin/list-result-links.ts";
import { listWorkers } from "../services/admin/list-workers.ts";
import { resolveError } from "../services/admin/resolve-error.ts";
import { adminErrors, adminOnly, errorResponse, json, registerAdminSecurity } from "./admin-openapi.ts";

const tags = ["admin"];
const badRequest = errorResponse("Invalid parameters");

const postLogin = createRoute({
  method: "post",
  path: "/admin/login",
  tags,
  summary: "Log in with the admin token; sets an HttpOnly session cookie (12 hours)",
  request: { body: { required: true, content: { "application/json": { schema: adminLoginBodySchema } } } },
  responses: {
    200: json(adminSessionSchema, "Logged in; the cookie is set"),
    400: badRequest,
    ...adminErrors,
  },
});

const postLogout = createRoute({
  method: "post",
  path: "/admin/logout",
  tags,
  summary: "End the login session (clears the cookie); always succeeds",
  responses: { 200: json(adminSessionSchema, "Logged out") },
});

const getSession = createRoute({
  method: "get",
  path: "/admin/session",
  tags,
  summary: "Whether admin is enabled and this request is an admin; 200 even when not logged in",
  responses: { 200: json(adminSessionSchema, "The session"), 429: adminErrors[429] },
});

const getSummaryRoute = createRoute({
  method: "get",
  path: "/admin/summary",
  tags,
  summary: "Status counts, error rates (24 h and overall), top error types, cache hit rate, workers",
  ...adminOnly,
  responses: { 200: json(adminSummarySchema, "The summary"), ...adminErrors },
});

const getWorkers = createRoute({
  method: "get",
  path: "/admin/workers",
  tags,
  summary:
    "Workers (one per slot) of every instance with a name telling them apart, heartbeat age and current job, responsive first",
  ...adminOnly,
  responses: { 200: json(adminWorkerListSchema, "The workers"), ...adminErrors },
});

const getErrors = createRoute({
  method: "get",
  path: "/admin/errors",
  tags,
  summary:
    "The error log, one entry per job failure (its retries folded in, with the attempt count), newest first, paged with page and pageSize (at most 100)",
  ...adminOnly,
  request: { query: adminErrorListQuerySchema },
  responses: { 200: json(adminErrorListSchema, "A page of the error log"), 400: badRequest, ...adminErrors },
});

const postResolve = createRoute({
  method: "post",
  path: "/admin/errors/{id}/resolve",
  tags,
  summary:
    "Mark a failure resolved (every attempt of it, from the id of any). Idempotent: the first resolution (and its note) stands; later calls return it with 200",
  ...adminOnly,
  request: {
    params: adminErrorIdParamSchema,
    body: { required: false, content: { "application/json": { schema: adminResolveErrorBodySchema } } },
  },
  responses: {
    200: json(adminErrorEntrySchema, "The entry with its resolution"),
    400: badRequest,
    404: errorResponse("No such error-log entry"),
    ...adminErrors,
  },
});

const getCache = createRoute({
  method: "get",
  path: "/admin/cache",
  tags,
  summary: "Stored PDFs and bytes, extraction results, hits and hit rate, per extractor version",
  ...adminOnly,
  responses: { 200: json(adminCacheStatsSchema, "The cache"), ...adminErrors },
});

const getResultLinks = createRoute({
  method: "get",
  path: "/admin/result-links",
  tags,
  summary: "Every result link of a batch (active, expired or revoked)",
  ...adminOnly,
  request: { query: adminResultLinksQuerySchema },
  responses: {
    200: json(adminResultLinkListSchema, "The batch's links"),
    400: badRequest,
    404: errorResponse("No such batch"),
    ...adminErrors,
  },
});

export function adminRoutes() {
  const router = createRouter();
  registerAdminSecurity(router);
  return router
    .openapi(postLogin, async (c) => c.json(await logIn(c, c.req.valid("json").token), 200))
    .openapi(postLogout, (c) => c.json(logOut(c), 200))
    .openapi(getSession, async (c) => {
      const outcome = await resolveAdmin(c);
      // A wrong-token rate limit must still be felt here, or this would be an unlimited oracle.
      if (!outcome.ok && outcome.error.code === "RATE_LIMIT") throw outcome.error;
      const enabled = Boolean(c.get("deps").config.ADMIN_TOKEN);
      return c.json(sessionView(enabled, outcome.ok ? outcome.principal : null), 200);
    })
    .openapi(getSummaryRoute, async (c) => {
      return c.json(await getSummary({ ctx: serviceContext(c) }), 200);
    })
    .openapi(getWorkers, async (c) => c.json(await listWorkers({ ctx: serviceContext(c) }), 200))
    .openapi(getErrors, async (c) =>
      c.json(await listErrors({ ctx: serviceContext(c), input: c.req.valid("query") }), 200),
    )
    .openapi(postResolve, async (c) => {
      const via = c.get("admin").via === "bearer" ? "bearer token" : "login session";
      const entry = await resolveError({
        ctx: serviceContext(c),
        input: {
          errorId: c.req.valid("param").id,
          resolvedBy: `admin (${via})`,
          note: c.req.valid("json").note,
        },
      });
      return c.json(entry, 200);
    })
    .openapi(getCache, async (c) => c.json(await getCacheStats({ ctx: serviceContext(c) }), 200))
    .openapi(getResultLinks, async (c) => {
      const input = { batchId: c.req.valid("query").batchId };
      return c.json(await listResultLinks({ ctx: serviceContext(c), input }), 200);
    });
}
