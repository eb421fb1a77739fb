/** The typed failure of a URL download: a job error code, a message a person can act on, and whether to retry. */

export type DownloadErrorCode =
  | "BLOCKED_URL"
  | "HTTP_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "NOT_PDF"
  | "RATE_LIMIT";

export interface DownloadErrorOptions {
  httpStatus?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

// A flaky network or a busy server may answer next time; a refused address or a web page never will.
const RETRYABLE_CODES: ReadonlySet<DownloadErrorCode> = new Set(["NETWORK_ERROR", "TIMEOUT", "RATE_LIMIT"]);

export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(code: DownloadErrorCode, message: string, options: DownloadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DownloadError";
    this.code = code;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** The error a cancelled download rejects with: named "AbortError" like fetch's, so callers can tell it apart. */
export function createAbortError(reason: unknown): Error {
  const error = new Error("The download was cancelled.", { cause: reason });
  error.name = "AbortError";
  return error;
}
