/** What every admin route declares: the auth middleware, the two security schemes and the error responses. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { errorEnvelopeSchema } from "@splitstream/shared";
import type { z } from "zod";
import { ADMIN_COOKIE_NAME, requireAdmin } from "../http/admin-auth.ts";
import type { AppEnv } from "../http/app-env.ts";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const errorResponse = (description: string) => json(errorEnvelopeSchema, description);

/** Spread into createRoute: runs the admin check before validation, and documents it. */
export const adminOnly = {
  middleware: requireAdmin,
  security: [{ adminBearer: [] }, { adminCookie: [] }] as Array<Record<string, string[]>>,
};

export const adminErrors = {
  401: errorResponse("No or a wrong admin token or session, or admin is disabled (no ADMIN_TOKEN)"),
  429: errorResponse("Too many wrong admin tokens from this address"),
};

export function registerAdminSecurity(router: OpenAPIHono<AppEnv>): void {
  router.openAPIRegistry.registerComponent("securitySchemes", "adminBearer", {
    type: "http",
    scheme: "bearer",
    description: "The server's ADMIN_TOKEN",
  });
  router.openAPIRegistry.registerComponent("securitySchemes", "adminCookie", {
    type: "apiKey",
    in: "cookie",
    name: ADMIN_COOKIE_NAME,
    description: "Set by POST /admin/login; HttpOnly, SameSite=Strict, 12 hours",
  });
}
