/** The one way to make a route module: an OpenAPIHono whose validation failures use the error envelope. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, errorEnvelope } from "./api-error.ts";
import type { AppEnv } from "./app-env.ts";

type HookResult = { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } };

/** Failed zod validation of params, query or body: one envelope, listing every issue. */
function validationHook(result: HookResult, c: Context<AppEnv>) {
  if (result.success || !result.error) return;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join("; ");
  return errorEnvelope(
    c,
    new ApiError("VALIDATION_FAILED", `The request is not valid: ${summary}`, { issues }),
  );
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
