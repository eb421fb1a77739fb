/** What the batch commands refuse, in words a person can act on; the services turn them into API errors. */

export class BatchNotFoundError extends Error {
  constructor(batchId: string) {
    super(`batch ${batchId} does not exist`);
    this.name = "BatchNotFoundError";
  }
}

/** The batch is not in a state that allows the command (nothing left to cancel, nothing to retry). */
export class BatchConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BatchConflictError";
  }
}
