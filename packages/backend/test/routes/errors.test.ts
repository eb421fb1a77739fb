import { errorEnvelopeSchema } from "@splitstream/shared";
import { expect, it } from "vitest";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

describeEachDriver("the error envelope", ({ database }) => {
  it("answers an unknown route with 404 NOT_FOUND and the request id", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/no-such-thing", { headers: { "x-request-id": "req-12345678" } });
    expect(res.status).toBe(404);
    const body = errorEnvelopeSchema.parse(await res.json());
    expect(body.error).toMatchObject({ code: "NOT_FOUND", requestId: "req-12345678" });
  });

  it("serves the OpenAPI document describing the routes", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/health");
  });

  it("sets secure headers", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
