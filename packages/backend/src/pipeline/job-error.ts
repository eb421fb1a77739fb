/** The error a stage throws to fail a job with a code, a message a person can act on, and whether to retry. */
import { AUTO_RETRY_JOB_ERROR_CODES, type JobErrorCode } from "@splitstream/shared";

export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly context: Record<string, unknown>;
  /** The answer came from the checksum cache (these bytes failed the same way before). */
  readonly fromCache: boolean;

  constructor(
    code: JobErrorCode,
    message: string,
    options: {
      retryable?: boolean;
      retryAfterMs?: number;
      context?: Record<string, unknown>;
      fromCache?: boolean;
    } = {},
  ) {
    super(message);
    this.name = "JobError";
    this.code = code;
    this.retryable = options.retryable ?? AUTO_RETRY_JOB_ERROR_CODES.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.context = options.context ?? {};
    this.fromCache = options.fromCache ?? false;
  }
}

/** The job was cancelled while it ran. */
export class JobCancelledError extends Error {
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelledError";
  }
}
