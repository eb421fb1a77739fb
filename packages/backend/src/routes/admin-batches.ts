/** The admin's batch routes: list every batch (filtered, paged) and delete one. */
import { createRoute } from "@hono/zod-openapi";
import {
  adminBatchListQuerySchema,
  adminBatchListSchema,
  adminDeletedBatchSchema,
  batchIdParamSchema,
} from "@splitstream/shared";
import { createRouter } from "../http/create-router.ts";
import { serviceContext } from "../http/service-context.ts";
import { deleteBatch } from "../services/admin/delete-batch.ts";
import { listBatches } from "../services/admin/list-batches.ts";
import { adminErrors, adminOnly, errorResponse, json, registerAdminSecurity } from "./admin-openapi.ts";

const tags = ["admin"];

const getBatches = createRoute({
  method: "get",
  path: "/batches",
  tags,
  summary:
    "All batches, newest first. Filters: status, swimmer (case-insensitive part of the name), from/to (date or timestamp). Paging: page (from 1) and pageSize (at most 100); the total comes with every page",
  ...adminOnly,
  request: { query: adminBatchListQuerySchema },
  responses: {
    200: json(adminBatchListSchema, "A page of batches"),
    400: errorResponse("Invalid filters"),
    ...adminErrors,
  },
});

const deleteBatchRoute = createRoute({
  method: "delete",
  path: "/batches/{id}",
  tags,
  summary:
    "Delete a finished batch with its jobs, events and result links, and the PDFs (with cached results) no other batch uses",
  ...adminOnly,
  request: { params: batchIdParamSchema },
  responses: {
    200: json(adminDeletedBatchSchema, "What was deleted"),
    400: errorResponse("Not a batch id"),
    404: errorResponse("No such batch"),
    409: errorResponse("The batch is still running: cancel it first"),
    ...adminErrors,
  },
});

export function adminBatchRoutes() {
  const router = createRouter();
  registerAdminSecurity(router);
  return router
    .openapi(getBatches, async (c) =>
      c.json(await listBatches({ ctx: serviceContext(c), input: c.req.valid("query") }), 200),
    )
    .openapi(deleteBatchRoute, async (c) =>
      c.json(await deleteBatch({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }), 200),
    );
}
