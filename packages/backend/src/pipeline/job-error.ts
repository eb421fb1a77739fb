/** The error a stage throws to fail a job with a code, a message a person can act on, and whether to retry. */
import type { JobErrorCode } from "@splitstream/shared";

const RETRYABLE: ReadonlySet<JobErrorCode> = new Set(["NETWORK_ERROR", "TIMEOUT", "RATE_LIMIT"]);

export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly context: Record<string, unknown>;

  constructor(
    code: JobErrorCode,
    message: string,
    options: { retryable?: boolean; retryAfterMs?: number; context?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "JobError";
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.context = options.context ?? {};
  }
}

/** The worker lost its lease on the job (another instance took it over): stop without writing anything. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lost the lease on job ${jobId}`);
    this.name = "LeaseLostError";
  }
}

/** The job was cancelled while it ran. */
export class JobCancelledError extends Error {
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelledError";
  }
}
