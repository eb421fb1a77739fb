/** The one error type of the extraction library: a job error code plus a message a person can act on. */
import type { JobErrorCode } from "@splitstream/shared";

export class ExtractionError extends Error {
  readonly code: JobErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: JobErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ExtractionError";
    this.code = code;
    this.details = details;
  }
}
