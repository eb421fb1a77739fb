export * from "./admin-api.ts";
export * from "./api.ts";
export * from "./error-codes.ts";
export * from "./events.ts";
export * from "./extraction.ts";
export * from "./health.ts";
export * from "./pipeline.ts";
export * from "./swim-time.ts";
