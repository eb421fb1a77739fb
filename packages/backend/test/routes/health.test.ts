import { healthResponseSchema } from "@splitstream/shared";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

describeEachDriver("GET /api/v1/health", ({ database, driver }) => {
  it("answers with the driver and the applied migrations", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/health");
    expect(res.status).toBe(200);
    const body = healthResponseSchema.parse(await res.json());
    expect(body.status).toBe("ok");
    expect(body.db.driver).toBe(driver);
    expect(body.db.migrations.applied).toBeGreaterThanOrEqual(1);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(body.email.enabled).toBe(false);
  });

  it("says e-mail can be sent only when SMTP is configured", async () => {
    const { app } = createTestApp(database(), { SMTP_URL: "smtp://127.0.0.1:2525" });
    const body = healthResponseSchema.parse(await (await app.request("/api/v1/health")).json());
    expect(body.email.enabled).toBe(true);
  });
});

it("answers 503 when the database does not answer", async () => {
  const closed = await openDatabase({ dataDir: "memory://" });
  await closed.close();
  const { app } = createTestApp(closed);
  const res = await app.request("/api/v1/health");
  expect(res.status).toBe(503);
  const body = healthResponseSchema.parse(await res.json());
  expect(body).toMatchObject({ status: "unavailable", db: { driver: "pglite", reachable: false } });
});
