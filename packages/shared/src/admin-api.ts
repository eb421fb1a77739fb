/** Request and response bodies of the admin API (bearer token or login cookie). */
import { z } from "zod";
import { batchSchema } from "./api.ts";
import { apiErrorCodeSchema } from "./error-codes.ts";
import {
  BATCH_STATUSES,
  batchStatusSchema,
  JOB_STATUSES,
  jobStageSchema,
  workerStatusSchema,
} from "./pipeline.ts";

const isoDate = z.string().describe("ISO 8601 timestamp");

export const ADMIN_PAGE_SIZE_MAX = 100;
export const ADMIN_PAGE_SIZE_DEFAULT = 25;

/** Page-number paging: simple for a table with page links, and the total comes with every page. */
export const adminPagingQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("1-based page number"),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(ADMIN_PAGE_SIZE_MAX)
    .default(ADMIN_PAGE_SIZE_DEFAULT)
    .describe(`Rows per page, at most ${ADMIN_PAGE_SIZE_MAX}`),
});

export const adminPageInfoSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Rows matching the filters, over all pages. */
  total: z.number().int(),
  totalPages: z.number().int(),
});
export type AdminPageInfo = z.infer<typeof adminPageInfoSchema>;

// ---- session -------------------------------------------------------------------------------

export const adminLoginBodySchema = z.object({
  token: z.string().min(1, "Enter the admin token.").max(1000),
});
export type AdminLoginBody = z.infer<typeof adminLoginBodySchema>;

export const adminSessionSchema = z.object({
  /** False when the server has no ADMIN_TOKEN: admin is switched off. */
  enabled: z.boolean(),
  authenticated: z.boolean(),
  via: z.enum(["bearer", "cookie"]).nullable(),
  /** When the login cookie stops working; null for a bearer token or no session. */
  expiresAt: isoDate.nullable(),
});
export type AdminSession = z.infer<typeof adminSessionSchema>;

// ---- batches -------------------------------------------------------------------------------

/** A calendar day (YYYY-MM-DD, read as UTC) or a full ISO 8601 timestamp. */
const dateOrTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/,
    "Use a date (YYYY-MM-DD) or an ISO 8601 timestamp with a time zone.",
  )
  .refine((value) => !Number.isNaN(Date.parse(value)) && isRealDay(value), "Not a real date.");

/** Date.parse rolls 2026-02-30 over into March; a typo should be an error instead. */
function isRealDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const adminBatchListQuerySchema = adminPagingQuerySchema.extend({
  status: batchStatusSchema.optional(),
  swimmer: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe("Case-insensitive part of the swimmer's name"),
  from: dateOrTimestamp.optional().describe("Created at or after this (a date means its start, UTC)"),
  to: dateOrTimestamp.optional().describe("Created at or before this (a date means its whole day, UTC)"),
});
export type AdminBatchListQuery = z.infer<typeof adminBatchListQuerySchema>;

export const errorTypeCountSchema = z.object({ code: apiErrorCodeSchema, count: z.number().int() });
export type ErrorTypeCount = z.infer<typeof errorTypeCountSchema>;

export const adminBatchRowSchema = batchSchema.extend({
  /** Failed jobs out of all jobs of the batch, 0 to 1. */
  errorRate: z.number().min(0).max(1),
  /** The batch's most frequent job error codes, most frequent first (at most 3). */
  topErrorTypes: z.array(errorTypeCountSchema),
});
export type AdminBatchRow = z.infer<typeof adminBatchRowSchema>;

export const adminBatchListSchema = adminPageInfoSchema.extend({ items: z.array(adminBatchRowSchema) });
export type AdminBatchList = z.infer<typeof adminBatchListSchema>;

export const adminDeletedBatchSchema = z.object({
  batchId: z.string().uuid(),
  deletedJobs: z.number().int(),
  deletedEvents: z.number().int(),
  deletedResultLinks: z.number().int(),
  /** PDFs no other batch used, removed with their cached extraction results. */
  deletedPdfFiles: z.number().int(),
  deletedExtractionResults: z.number().int(),
  /** PDFs kept because another batch's job still uses them. */
  keptPdfFiles: z.number().int(),
});
export type AdminDeletedBatch = z.infer<typeof adminDeletedBatchSchema>;

// ---- summary -------------------------------------------------------------------------------

export const errorRateSchema = z.object({
  /** Jobs that finished as completed or failed (cancelled ones do not count). */
  finishedJobs: z.number().int(),
  failedJobs: z.number().int(),
  /** failedJobs / finishedJobs, 0 to 1; 0 when nothing finished. */
  rate: z.number().min(0).max(1),
});
export type ErrorRate = z.infer<typeof errorRateSchema>;

export const cacheHitsSchema = z.object({
  /** Times a cached extraction result was reused. */
  hits: z.number().int(),
  /** Times a PDF had to be parsed: one per stored extraction result. */
  misses: z.number().int(),
  /** hits / (hits + misses), 0 to 1; 0 when there were no lookups. */
  hitRate: z.number().min(0).max(1),
});

const statusCounts = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object(
    Object.fromEntries(values.map((value) => [value, z.number().int()])) as { [K in T[number]]: z.ZodNumber },
  );

export const adminSummarySchema = z.object({
  batches: z.object({ total: z.number().int(), byStatus: statusCounts(BATCH_STATUSES) }),
  jobs: z.object({ total: z.number().int(), byStatus: statusCounts(JOB_STATUSES), cached: z.number().int() }),
  errorRate: z.object({ last24h: errorRateSchema, overall: errorRateSchema }),
  /** Failed jobs' error codes, most frequent first (at most 5). */
  topErrorTypes: z.array(errorTypeCountSchema),
  /** Error-log entries (job failures, retries folded in) nobody has marked resolved. */
  unresolvedErrors: z.number().int(),
  cache: cacheHitsSchema,
  workers: z.object({ total: z.number().int(), responsive: z.number().int() }),
  generatedAt: isoDate,
});
export type AdminSummary = z.infer<typeof adminSummarySchema>;

// ---- workers -------------------------------------------------------------------------------

export const adminWorkerSchema = z.object({
  workerId: z.string(),
  /**
   * A name people can tell apart: every slot of one process shares its host and pid, so the slot is
   * named too ("pool-host-4242 · slot 2"). Two processes with the same host and pid (containers) are
   * told apart by their instance id.
   */
  name: z.string(),
  /** 1-based slot within its process; null for a worker id of another shape. */
  slot: z.number().int().nullable(),
  hostname: z.string(),
  pid: z.number().int(),
  /** `unresponsive` when an active worker has missed its heartbeats. */
  status: workerStatusSchema,
  concurrency: z.number().int(),
  jobsCompleted: z.number().int(),
  jobsFailed: z.number().int(),
  heartbeatAt: isoDate,
  heartbeatAgeSeconds: z.number(),
  responsive: z.boolean(),
  currentJob: z
    .object({
      id: z.string().uuid(),
      batchId: z.string().uuid(),
      stage: jobStageSchema,
      /** The file name or URL the job reads. */
      source: z.string().nullable(),
    })
    .nullable(),
});
export type AdminWorker = z.infer<typeof adminWorkerSchema>;

export const adminWorkerListSchema = z.object({ items: z.array(adminWorkerSchema) });
export type AdminWorkerList = z.infer<typeof adminWorkerListSchema>;

// ---- error log -----------------------------------------------------------------------------

const booleanQuery = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .describe("true or false");

export const adminErrorListQuerySchema = adminPagingQuerySchema.extend({
  code: apiErrorCodeSchema.optional(),
  resolved: booleanQuery.optional(),
  batchId: z.string().uuid("Not a batch id.").optional(),
});
export type AdminErrorListQuery = z.infer<typeof adminErrorListQuerySchema>;

export const errorResolutionSchema = z.object({
  resolvedBy: z.string(),
  note: z.string().nullable(),
  resolvedAt: isoDate,
});

/**
 * What became of a job after this failure: it gave up (`failed`), is waiting for its next try
 * (`retrying`), succeeded on a later try (`recovered`) or was cancelled meanwhile.
 */
export const ERROR_OUTCOMES = ["failed", "retrying", "recovered", "cancelled"] as const;
export const errorOutcomeSchema = z.enum(ERROR_OUTCOMES);
export type ErrorOutcome = z.infer<typeof errorOutcomeSchema>;

/**
 * One failure of a job: its failed attempts (each retry and the last) folded into one entry, shown by
 * its newest attempt. An error not tied to a job is an entry of its own.
 */
export const adminErrorEntrySchema = z.object({
  /** The newest attempt's error-log id; resolving it resolves every attempt of the failure. */
  id: z.number().int(),
  batchId: z.string().uuid().nullable(),
  jobId: z.string().uuid().nullable(),
  workerId: z.string().nullable(),
  code: apiErrorCodeSchema,
  message: z.string(),
  /** Stage, attempt, URL, HTTP status…: whatever was recorded with the error. */
  context: z.unknown(),
  retryable: z.boolean(),
  /** When the newest attempt failed. */
  createdAt: isoDate,
  /** When the first attempt of this failure failed. */
  firstAt: isoDate,
  /** Failed attempts folded into this entry (1 when it was not retried). */
  attempts: z.number().int().min(1),
  outcome: errorOutcomeSchema,
  /** Null while unresolved. */
  resolution: errorResolutionSchema.nullable(),
});
export type AdminErrorEntry = z.infer<typeof adminErrorEntrySchema>;

export const adminErrorListSchema = adminPageInfoSchema.extend({ items: z.array(adminErrorEntrySchema) });
export type AdminErrorList = z.infer<typeof adminErrorListSchema>;

export const adminErrorIdParamSchema = z.object({
  id: z.coerce.number().int("Not an error id.").positive("Not an error id.").max(Number.MAX_SAFE_INTEGER),
});

export const adminResolveErrorBodySchema = z.object({
  note: z.string().trim().max(1000, "The note can have at most 1000 characters.").optional(),
});
export type AdminResolveErrorBody = z.infer<typeof adminResolveErrorBodySchema>;

// ---- cache ---------------------------------------------------------------------------------

export const adminCacheStatsSchema = z.object({
  pdfFiles: z.object({ count: z.number().int(), bytes: z.number().int() }),
  extractionResults: z.object({
    count: z.number().int(),
    /** Results that record a failure (not results, corrupt…), cached so the PDF is not parsed again. */
    failed: z.number().int(),
  }),
  hits: cacheHitsSchema,
  byExtractorVersion: z.array(
    z.object({
      extractorVersion: z.string(),
      results: z.number().int(),
      failed: z.number().int(),
      hits: z.number().int(),
      hitRate: z.number().min(0).max(1),
      swims: z.number().int(),
      averageDurationMs: z.number(),
      lastHitAt: isoDate.nullable(),
    }),
  ),
});
export type AdminCacheStats = z.infer<typeof adminCacheStatsSchema>;

// ---- result links --------------------------------------------------------------------------

export const adminResultLinksQuerySchema = z.object({ batchId: z.string().uuid("Not a batch id.") });

export const adminResultLinkSchema = z.object({
  code: z.string(),
  batchId: z.string().uuid(),
  /** Set when the link shows one file's results only. */
  jobId: z.string().uuid().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
  /** The web app's path that shows it. */
  path: z.string(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  viewCount: z.number().int(),
  lastViewedAt: isoDate.nullable(),
});
export type AdminResultLink = z.infer<typeof adminResultLinkSchema>;

export const adminResultLinkListSchema = z.object({ items: z.array(adminResultLinkSchema) });
export type AdminResultLinkList = z.infer<typeof adminResultLinkListSchema>;
