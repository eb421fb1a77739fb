/**
 * The one error a service throws: an API error code (packages/shared) and words a person can act on.
 * `app.onError` turns it into the error envelope with the code's status (http/api-error.ts).
 */
import type { ApiErrorCode } from "@splitstream/shared";

export class ServiceError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ServiceError";
    this.code = code;
    this.details = details;
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} was not found.`);
  }
}
