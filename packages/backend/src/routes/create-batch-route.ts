/**
 * POST /batches: multipart (swimmerName, files repeated, urls repeated, notificationEmail) or JSON.
 * Multipart is streamed by hand (never parseBody, which holds whole files in memory), so the route is
 * documented in the OpenAPI registry rather than validated by it.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { batchWithJobsSchema, createBatchJsonSchema, errorEnvelopeSchema } from "@splitstream/shared";
import { z } from "zod";
import { ApiError, errorEnvelope } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { clientIp } from "../http/client-ip.ts";
import { type ReceivedForm, receiveMultipart } from "../ingest/receive-multipart.ts";
import { createBatch } from "../services/create-batch.ts";

const multipartBodySchema = z.object({
  swimmerName: z.string(),
  files: z.array(z.string().describe("a PDF file")).optional(),
  urls: z.array(z.string()).optional(),
  notificationEmail: z.string().optional(),
});

export function registerCreateBatchRoute(api: OpenAPIHono<AppEnv>): void {
  api.openAPIRegistry.registerPath({
    method: "post",
    path: "/batches",
    tags: ["batches"],
    summary: "Submit PDFs and/or URLs for one swimmer",
    request: {
      body: {
        required: true,
        content: {
          "multipart/form-data": { schema: multipartBodySchema },
          "application/json": { schema: createBatchJsonSchema },
        },
      },
    },
    responses: {
      201: {
        description: "The batch and its jobs",
        content: { "application/json": { schema: batchWithJobsSchema } },
      },
      400: { description: "Invalid input", content: { "application/json": { schema: errorEnvelopeSchema } } },
      413: {
        description: "A file is too large",
        content: { "application/json": { schema: errorEnvelopeSchema } },
      },
      415: {
        description: "Not a PDF, or an unsupported body type",
        content: { "application/json": { schema: errorEnvelopeSchema } },
      },
    },
  });

  api.post("/batches", async (c) => {
    const { database, config } = c.get("deps");
    const contentType = c.req.header("content-type") ?? "";
    let form: ReceivedForm | undefined;
    let raw: unknown;
    let created = false;
    if (/^multipart\/form-data/i.test(contentType)) {
      form = await receiveMultipart(c.req.raw, {
        maxFileBytes: config.MAX_FILE_MB,
        maxFiles: config.MAX_SOURCES_PER_BATCH,
        tempDir: config.TEMP_DIR,
      });
      raw = {
        swimmerName: form.fields.get("swimmerName")?.[0],
        urls: (form.fields.get("urls") ?? []).flatMap(splitLines),
        notificationEmail: form.fields.get("notificationEmail")?.[0] || undefined,
      };
    } else if (/^application\/json/i.test(contentType)) {
      raw = await c.req.json().catch(() => {
        throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON.");
      });
    } else {
      throw new ApiError(
        "UNSUPPORTED_MEDIA_TYPE",
        "Send multipart/form-data (with files) or application/json (URLs only).",
      );
    }
    try {
      const parsed = createBatchJsonSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        }));
        const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
        return errorEnvelope(
          c,
          new ApiError("VALIDATION_FAILED", `The request is not valid: ${summary}`, { issues }),
        );
      }
      if (parsed.data.notificationEmail && !config.SMTP_URL) throw emailOffError();
      const uploads = form?.files ?? [];
      const sources = uploads.length + parsed.data.urls.length;
      if (sources === 0)
        throw new ApiError("VALIDATION_FAILED", "Add at least one PDF or URL.", {
          issues: [{ path: "files", message: "Add at least one PDF or URL." }],
        });
      if (sources > config.MAX_SOURCES_PER_BATCH) {
        throw new ApiError(
          "VALIDATION_FAILED",
          `At most ${config.MAX_SOURCES_PER_BATCH} files and URLs can be sent in one batch.`,
        );
      }
      const batch = await createBatch({
        ctx: { database },
        input: {
          swimmerName: parsed.data.swimmerName,
          notificationEmail: parsed.data.notificationEmail,
          uploads,
          urls: parsed.data.urls,
          clientIp: clientIp(c),
          ttlDays: config.BATCH_TTL_DAYS,
        },
      });
      created = true;
      return c.json(batch, 201);
    } finally {
      // Once the batch is created its bytes are in the database: the temporary files go after the answer.
      const removing = form?.cleanup();
      if (created) removing?.catch((error) => c.get("deps").logger.warn({ err: error }, "temp cleanup"));
      else await removing;
    }
  });
}

/**
 * Without SMTP_URL no "done" e-mail can go out: refusing the address says so, where taking it would
 * leave someone waiting for a message that never comes. (The health answer's email.enabled tells the
 * form to hide the field.)
 */
function emailOffError(): ApiError {
  const message = "This server cannot send e-mail; leave the field empty";
  return new ApiError("VALIDATION_FAILED", `${message}.`, {
    issues: [{ path: "notificationEmail", message }],
  });
}

/** The URL box sends one URL per line; accept that as well as repeated fields. */
function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
