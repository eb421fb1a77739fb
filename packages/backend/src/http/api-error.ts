/** The one error class of the API and the one place that turns any failure into the error envelope. */
import type { ApiErrorCode, ErrorEnvelope } from "@splitstream/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ServiceError } from "../services/service-error.ts";

const STATUS_BY_CODE: Record<ApiErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  MALFORMED_MULTIPART: 400,
  BLOCKED_URL: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_LARGE: 413,
  NOT_PDF: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ENCRYPTED_PDF: 422,
  CORRUPT_PDF: 422,
  NOT_RESULTS: 422,
  UNSUPPORTED_FORMAT: 422,
  RATE_LIMIT: 429,
  HTTP_ERROR: 502,
  NETWORK_ERROR: 502,
  TIMEOUT: 504,
  EXTRACTION_TIMEOUT: 504,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: ContentfulStatusCode;
  readonly details: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.details = details;
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} was not found.`);
  }
}

export function errorEnvelope(c: Context, error: ApiError): Response {
  const body: ErrorEnvelope = {
    error: {
      code: error.code,
      message: error.message,
      requestId: c.get("requestId") ?? "unknown",
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return c.json(body, error.status);
}

/** Maps anything thrown in a handler to an ApiError; unknown errors become INTERNAL and are logged. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ServiceError) return new ApiError(error.code, error.message, error.details);
  if (error instanceof HTTPException) {
    if (error.status === 413) return new ApiError("TOO_LARGE", "The request body is too large.");
    if (error.status === 401)
      return new ApiError("UNAUTHORIZED", error.message || "Authentication is required.");
    if (error.status === 404) return new ApiError("NOT_FOUND", error.message || "Not found.");
    if (error.status === 400 && /json/i.test(error.message)) {
      return new ApiError("MALFORMED_JSON", "The request body is not valid JSON.");
    }
    if (error.status < 500) return new ApiError("BAD_REQUEST", error.message || "Bad request.");
  }
  return new ApiError("INTERNAL", "Something went wrong on our side. It has been logged; please try again.");
}
