/** Every table and view of the database, for drizzle's typed queries and for drizzle-kit. */
export * from "./batch-events.ts";
export * from "./batch-jobs.ts";
export * from "./error-logs.ts";
export * from "./error-resolutions.ts";
export * from "./extraction-claims.ts";
export * from "./extraction-results.ts";
export * from "./pdf-file-chunks.ts";
export * from "./pdf-files.ts";
export * from "./processing-batches.ts";
export * from "./result-links.ts";
export * from "./summary-views.ts";
export * from "./worker-logs.ts";
export * from "./workers.ts";
