/** The public batch routes: create, read, progress, results, cancel and retry. */
import { createRoute } from "@hono/zod-openapi";
import {
  batchIdParamSchema,
  batchJobParamSchema,
  batchProgressSchema,
  batchResultsSchema,
  batchWithJobsSchema,
  chooseSwimmerSchema,
  errorEnvelopeSchema,
  jobSchema,
  resultCodeParamSchema,
  setMeetCourseSchema,
} from "@splitstream/shared";
import { z } from "zod";
import { createRouter } from "../http/create-router.ts";
import { serviceContext } from "../http/service-context.ts";
import { cancelBatch } from "../services/cancel-batch.ts";
import { chooseSwimmer } from "../services/choose-swimmer.ts";
import { getBatchWithJobs } from "../services/get-batch.ts";
import { getBatchProgress } from "../services/get-progress.ts";
import { getBatchResults } from "../services/get-results.ts";
import { openResultLink } from "../services/open-result-link.ts";
import { retryBatch } from "../services/retry-batch.ts";
import { setMeetCourse } from "../services/set-meet-course.ts";
import { registerCreateBatchRoute } from "./create-batch-route.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const notFound = json(errorEnvelopeSchema, "No such batch");
const badRequest = json(errorEnvelopeSchema, "Invalid id");
const params = { params: batchIdParamSchema };

const getBatch = createRoute({
  method: "get",
  path: "/batches/{id}",
  tags: ["batches"],
  request: params,
  responses: { 200: json(batchWithJobsSchema, "The batch and its jobs"), 400: badRequest, 404: notFound },
});
const getJobs = createRoute({
  method: "get",
  path: "/batches/{id}/jobs",
  tags: ["batches"],
  request: params,
  responses: { 200: json(z.array(jobSchema), "The batch's jobs"), 400: badRequest, 404: notFound },
});
const getProgress = createRoute({
  method: "get",
  path: "/batches/{id}/progress",
  tags: ["batches"],
  request: params,
  responses: { 200: json(batchProgressSchema, "Counts, percentage and ETA"), 400: badRequest, 404: notFound },
});
const getResults = createRoute({
  method: "get",
  path: "/batches/{id}/results",
  tags: ["batches"],
  request: params,
  responses: {
    200: json(batchResultsSchema, "The swimmer's swims and personal bests"),
    400: badRequest,
    404: notFound,
  },
});
const postCancel = createRoute({
  method: "post",
  path: "/batches/{id}/cancel",
  tags: ["batches"],
  request: params,
  responses: {
    200: json(batchWithJobsSchema, "The batch after cancelling"),
    404: notFound,
    409: json(errorEnvelopeSchema, "Nothing left to cancel"),
  },
});
const postRetry = createRoute({
  method: "post",
  path: "/batches/{id}/retry",
  tags: ["batches"],
  request: params,
  responses: {
    200: json(batchWithJobsSchema, "The batch with its retryable failed and its cancelled jobs queued again"),
    404: notFound,
    409: json(errorEnvelopeSchema, "Nothing another try could change"),
  },
});
const putMeetCourse = createRoute({
  method: "put",
  path: "/batches/{id}/jobs/{jobId}/course",
  tags: ["batches"],
  request: {
    params: batchJobParamSchema,
    body: { content: { "application/json": { schema: setMeetCourseSchema } }, required: true },
  },
  responses: {
    200: json(batchResultsSchema, "The results with the meet's swims counted in that course"),
    400: json(errorEnvelopeSchema, "Invalid id or course"),
    404: json(errorEnvelopeSchema, "No such batch or file"),
  },
});
const postSwimmer = createRoute({
  method: "post",
  path: "/batches/{id}/swimmer",
  tags: ["batches"],
  request: {
    params: batchIdParamSchema,
    body: { content: { "application/json": { schema: chooseSwimmerSchema } }, required: true },
  },
  responses: {
    200: json(batchResultsSchema, "The results selected again for that name and namesake"),
    400: json(errorEnvelopeSchema, "Invalid id or name"),
    404: notFound,
  },
});
const getResultLink = createRoute({
  method: "get",
  path: "/results/{code}",
  tags: ["results"],
  request: { params: resultCodeParamSchema },
  responses: {
    200: json(batchResultsSchema, "What the result link shows"),
    400: badRequest,
    404: json(errorEnvelopeSchema, "Unknown code"),
    410: json(errorEnvelopeSchema, "Expired or withdrawn"),
  },
});

export function batchRoutes() {
  const routes = createRouter();
  registerCreateBatchRoute(routes);
  return routes
    .openapi(getBatch, async (c) =>
      c.json(
        await getBatchWithJobs({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }),
        200,
      ),
    )
    .openapi(getJobs, async (c) =>
      c.json(
        (await getBatchWithJobs({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }))
          .jobs,
        200,
      ),
    )
    .openapi(getProgress, async (c) =>
      c.json(
        await getBatchProgress({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }),
        200,
      ),
    )
    .openapi(getResults, async (c) =>
      c.json(
        await getBatchResults({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }),
        200,
      ),
    )
    .openapi(postCancel, async (c) =>
      c.json(await cancelBatch({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }), 200),
    )
    .openapi(postRetry, async (c) =>
      c.json(await retryBatch({ ctx: serviceContext(c), input: { batchId: c.req.valid("param").id } }), 200),
    )
    .openapi(putMeetCourse, async (c) => {
      const { id, jobId } = c.req.valid("param");
      const { course } = c.req.valid("json");
      return c.json(
        await setMeetCourse({ ctx: serviceContext(c), input: { batchId: id, jobId, course } }),
        200,
      );
    })
    .openapi(postSwimmer, async (c) =>
      c.json(
        await chooseSwimmer({
          ctx: serviceContext(c),
          input: { batchId: c.req.valid("param").id, choice: c.req.valid("json") },
        }),
        200,
      ),
    )
    .openapi(getResultLink, async (c) => {
      return c.json(
        await openResultLink({ ctx: serviceContext(c), input: { code: c.req.valid("param").code } }),
        200,
      );
    });
}
