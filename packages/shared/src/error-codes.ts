/** Error codes: the job error codes of the pipeline and the request error codes of the API. */
import { z } from "zod";

/** Why a job (one file or URL) failed. */
export const JOB_ERROR_CODES = [
  "NOT_PDF",
  "TOO_LARGE",
  "ENCRYPTED_PDF",
  "CORRUPT_PDF",
  "NOT_RESULTS",
  "UNSUPPORTED_FORMAT",
  "BLOCKED_URL",
  "HTTP_ERROR",
  "NETWORK_ERROR",
  "TIMEOUT",
  "RATE_LIMIT",
  "EXTRACTION_TIMEOUT",
  "INTERNAL",
] as const;
export const jobErrorCodeSchema = z.enum(JOB_ERROR_CODES);
export type JobErrorCode = z.infer<typeof jobErrorCodeSchema>;

/**
 * Failures that another attempt may cure (a server, a network, a busy machine). The rest are facts about
 * the file itself, the same every time: retrying them would only fail again.
 */
export const RETRYABLE_JOB_ERROR_CODES: ReadonlySet<JobErrorCode> = new Set([
  "HTTP_ERROR",
  "NETWORK_ERROR",
  "TIMEOUT",
  "RATE_LIMIT",
  "EXTRACTION_TIMEOUT",
  "INTERNAL",
]);

/** Errors the pipeline retries by itself (up to MAX_RETRIES), unless the stage says otherwise. */
export const AUTO_RETRY_JOB_ERROR_CODES: ReadonlySet<JobErrorCode> = new Set([
  "NETWORK_ERROR",
  "TIMEOUT",
  "RATE_LIMIT",
]);

/** Whether a person may send a job through again: a failure another attempt may cure, or a cancelled file. */
export function canRetryJob(job: { status: string; errorCode: JobErrorCode | null }): boolean {
  if (job.status === "cancelled") return true;
  return job.status === "failed" && RETRYABLE_JOB_ERROR_CODES.has(job.errorCode ?? "INTERNAL");
}

/** Why a request failed; includes every job code, since an upload can fail for the same reasons. */
export const API_ERROR_CODES = [
  ...JOB_ERROR_CODES,
  "BAD_REQUEST",
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "MALFORMED_MULTIPART",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNAUTHORIZED",
  "NOT_FOUND",
  "CONFLICT",
  "GONE",
  "SERVICE_UNAVAILABLE",
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
