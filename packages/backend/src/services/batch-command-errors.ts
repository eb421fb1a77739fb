/** Turns what a batch command refuses into the service error a person reads. */
import { BatchConflictError, BatchNotFoundError } from "../batches/batch-errors.ts";
import { NotFoundError, ServiceError } from "./service-error.ts";

export function asServiceError(error: unknown): never {
  if (error instanceof BatchNotFoundError) throw new NotFoundError("That batch");
  if (error instanceof BatchConflictError) throw new ServiceError("CONFLICT", error.message);
  throw error;
}
