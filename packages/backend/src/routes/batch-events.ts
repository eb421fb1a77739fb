/** GET /batches/:id/events: a batch's progress as Server-Sent Events, resumable from Last-Event-ID. */
import { createRoute } from "@hono/zod-openapi";
import { batchIdParamSchema, errorEnvelopeSchema } from "@splitstream/shared";
import { z } from "zod";
import { openBatchEventStream } from "../events/batch-event-stream.ts";
import { ApiError, NotFoundError } from "../http/api-error.ts";
import { clientIp } from "../http/client-ip.ts";
import { createRouter } from "../http/create-router.ts";

const envelope = (description: string) => ({
  description,
  content: { "application/json": { schema: errorEnvelopeSchema } },
});

const getBatchEvents = createRoute({
  method: "get",
  path: "/batches/{id}/events",
  tags: ["batches"],
  summary: "Live progress events (Server-Sent Events)",
  description:
    "`id:` is the batch's gapless event sequence number. Without an id the stream starts with a " +
    "`batch.snapshot`; with `Last-Event-ID` (or `?lastEventId=`) it replays every later event, then " +
    "streams live ones. The stream ends after `batch.completed`.",
  request: {
    params: batchIdParamSchema,
    query: z.object({ lastEventId: z.string().optional() }),
    headers: z.object({ "last-event-id": z.string().optional() }),
  },
  responses: {
    200: {
      description: "An event stream: `id:`, `event:` (the event type) and `data:` (the event as JSON)",
      content: { "text/event-stream": { schema: z.string() } },
    },
    400: envelope("The id is not a number, or is newer than the batch's last event"),
    404: envelope("No such batch"),
    429: envelope("Too many open event streams from this address or on this server"),
  },
});

/** A resume point: a non-negative integer; anything else is the client's mistake. */
function parseLastEventId(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === "") return null;
  const value = raw.trim();
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id))
    throw new ApiError("BAD_REQUEST", "Last-Event-ID must be a non-negative integer.");
  return id;
}

export const batchEventRoutes = createRouter().openapi(getBatchEvents, async (c) => {
  const deps = c.get("deps");
  const batchId = c.req.valid("param").id;
  // The header is what the browser sends on its own reconnects, so it is newer than the page's query.
  const seenSeq = parseLastEventId(c.req.header("last-event-id") ?? c.req.valid("query").lastEventId);
  // Clients of one batch reconnecting together share this read (the bus re-reads one older than their id).
  const head = await deps.eventBus.readHead(batchId, seenSeq ?? 0);
  if (!head) throw new NotFoundError("That batch");
  if (seenSeq !== null && seenSeq > head.lastSeq)
    throw new ApiError("BAD_REQUEST", `Last-Event-ID ${seenSeq} is past this batch's last event.`);

  const admission = deps.streamAdmission.tryOpen(clientIp(c) ?? "unknown");
  if (!admission.admitted) throw new ApiError("RATE_LIMIT", admission.reason);

  const socket = (c.env as { incoming?: { socket?: { destroy?: () => void } } } | undefined)?.incoming
    ?.socket;
  const body = openBatchEventStream({
    bus: deps.eventBus,
    db: deps.database.db,
    logger: deps.logger,
    batchId,
    seenSeq,
    head,
    heartbeatMs: deps.config.SSE_HEARTBEAT_MS,
    maxBufferBytes: deps.config.SSE_BUFFER_LIMIT_BYTES,
    now: deps.clock,
    signal: c.req.raw.signal,
    dropConnection: typeof socket?.destroy === "function" ? () => socket.destroy?.() : undefined,
    onClose: admission.release,
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Accel-Buffering": "no",
    },
  });
});
