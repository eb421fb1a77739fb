import { adminSessionSchema } from "@splitstream/shared";
import { expect, it } from "vitest";
import { ADMIN_MAX_FAILURES } from "../../src/http/admin-auth.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";
import { ADMIN_TOKEN, bearer, createAdminApp, expectError, loginRequest } from "./admin-factories.ts";

const ADMIN_PATHS = [
  ["GET", "/api/v1/batches"],
  ["DELETE", "/api/v1/batches/00000000-0000-4000-8000-000000000000"],
  ["GET", "/api/v1/admin/summary"],
  ["GET", "/api/v1/admin/workers"],
  ["GET", "/api/v1/admin/errors"],
  ["POST", "/api/v1/admin/errors/1/resolve"],
  ["GET", "/api/v1/admin/cache"],
  ["GET", "/api/v1/admin/result-links?batchId=00000000-0000-4000-8000-000000000000"],
] as const;

function sessionCookieOf(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  expect(pair).toMatch(/^splitstream_admin=/);
  return pair;
}

describeEachDriver("admin authentication", ({ database }) => {
  it.each(ADMIN_PATHS)(
    "%s %s answers 401 without credentials and with a wrong token",
    async (method, path) => {
      const { app } = createTestApp(database());
      await expectError(await app.request(path, { method }), 401, "UNAUTHORIZED");
      const wrong = await app.request(path, {
        method,
        headers: { authorization: "Bearer not-the-token-at-all" },
      });
      expect((await expectError(wrong, 401, "UNAUTHORIZED")).message).toMatch(/wrong/);
      await expectError(
        await app.request(path, { method, headers: { authorization: "Basic abc" } }),
        401,
        "UNAUTHORIZED",
      );
    },
  );

  it("checks credentials before validating parameters", async () => {
    const { app } = createTestApp(database());
    await expectError(await app.request("/api/v1/batches?pageSize=1000"), 401, "UNAUTHORIZED");
  });

  it("says admin is disabled when no ADMIN_TOKEN is configured", async () => {
    const app = createAdminApp(database(), { adminToken: null });
    const error = await expectError(
      await app.request("/api/v1/admin/summary", { headers: bearer }),
      401,
      "UNAUTHORIZED",
    );
    expect(error.message).toMatch(/disabled/i);
    const login = await app.request("/api/v1/admin/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect((await expectError(login, 401, "UNAUTHORIZED")).message).toMatch(/disabled/i);
    const session = adminSessionSchema.parse(await (await app.request("/api/v1/admin/session")).json());
    expect(session).toEqual({ enabled: false, authenticated: false, via: null, expiresAt: null });
  });

  it("accepts the bearer token", async () => {
    const { app } = createTestApp(database());
    expect((await app.request("/api/v1/admin/summary", { headers: bearer })).status).toBe(200);
    const session = adminSessionSchema.parse(
      await (await app.request("/api/v1/admin/session", { headers: bearer })).json(),
    );
    expect(session).toMatchObject({ enabled: true, authenticated: true, via: "bearer" });
  });

  it("logs in with a cookie, uses it, and logs out", async () => {
    const { app } = createTestApp(database());
    const anonymous = adminSessionSchema.parse(await (await app.request("/api/v1/admin/session")).json());
    expect(anonymous).toMatchObject({ enabled: true, authenticated: false });

    const login = await app.request("/api/v1/admin/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api\/v1/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    const body = adminSessionSchema.parse(await login.json());
    expect(body).toMatchObject({ authenticated: true, via: "cookie" });
    expect(Date.parse(body.expiresAt ?? "")).toBeGreaterThan(Date.now() + 11 * 3600_000);

    const cookie = sessionCookieOf(login);
    expect((await app.request("/api/v1/admin/summary", { headers: { cookie } })).status).toBe(200);
    const session = adminSessionSchema.parse(
      await (await app.request("/api/v1/admin/session", { headers: { cookie } })).json(),
    );
    expect(session).toMatchObject({ authenticated: true, via: "cookie" });

    const logout = await app.request("/api/v1/admin/logout", { method: "POST", headers: { cookie } });
    expect(logout.status).toBe(200);
    expect(logout.headers.get("set-cookie")).toMatch(/splitstream_admin=;.*Max-Age=0/);
    expect(adminSessionSchema.parse(await logout.json()).authenticated).toBe(false);
  });

  it("marks the cookie Secure over https", async () => {
    const { app } = createTestApp(database());
    const login = await app.request("https://splitstream.test/api/v1/admin/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(login.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("rejects a tampered, foreign or expired cookie", async () => {
    const { app } = createTestApp(database());
    const tampered = await app.request("/api/v1/admin/summary", {
      headers: { cookie: "splitstream_admin=9999999999999.forged" },
    });
    await expectError(tampered, 401, "UNAUTHORIZED");

    // A cookie signed under another token stops working when the token changes.
    const other = createTestApp(database(), { ADMIN_TOKEN: "another-admin-token-9876543210" }).app;
    const login = await other.request("/api/v1/admin/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "another-admin-token-9876543210" }),
    });
    const foreign = await app.request("/api/v1/admin/summary", {
      headers: { cookie: sessionCookieOf(login) },
    });
    await expectError(foreign, 401, "UNAUTHORIZED");

    // Thirteen hours later the twelve-hour session is over, whatever the browser still sends.
    let now = Date.now();
    const clockApp = createAdminApp(database(), { now: () => new Date(now) });
    const fresh = await clockApp.request(...loginRequest());
    const cookie = sessionCookieOf(fresh);
    expect((await clockApp.request("/api/v1/admin/workers", { headers: { cookie } })).status).toBe(200);
    now += 13 * 3600_000;
    const expired = await expectError(
      await clockApp.request("/api/v1/admin/workers", { headers: { cookie } }),
      401,
      "UNAUTHORIZED",
    );
    expect(expired.message).toMatch(/expired/);
  });

  it("answers a wrong login with 401 and a bad body with 400", async () => {
    const { app } = createTestApp(database());
    const post = (body: string) =>
      app.request("/api/v1/admin/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    await expectError(await post(JSON.stringify({ token: "guess-guess-guess" })), 401, "UNAUTHORIZED");
    await expectError(await post(JSON.stringify({})), 400, "VALIDATION_FAILED");
    await expectError(await post("{not json"), 400, "MALFORMED_JSON");
  });

  it("rate-limits wrong tokens per address with 429 and Retry-After", async () => {
    const { app } = createTestApp(database());
    const post = (token: string) =>
      app.request("/api/v1/admin/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
    for (let attempt = 0; attempt < ADMIN_MAX_FAILURES; attempt++) {
      await expectError(await post(`wrong-token-${attempt}`), 401, "UNAUTHORIZED");
    }
    const limited = await post(ADMIN_TOKEN);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    await expectError(limited, 429, "RATE_LIMIT");
    // Bearer guesses count against the same budget.
    await expectError(await app.request("/api/v1/admin/summary", { headers: bearer }), 429, "RATE_LIMIT");
    await expectError(await app.request("/api/v1/admin/session", { headers: bearer }), 429, "RATE_LIMIT");
  });
});

describeEachDriver("admin OpenAPI", ({ database }) => {
  it("documents every admin route with its security schemes", async () => {
    const { app } = createTestApp(database());
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(["adminBearer", "adminCookie"]),
    );
    for (const path of [
      "/admin/summary",
      "/admin/workers",
      "/admin/errors",
      "/admin/cache",
      "/admin/result-links",
    ]) {
      expect(doc.paths[path]?.get?.security).toHaveLength(2);
    }
    expect(doc.paths["/batches"]?.get?.security).toHaveLength(2);
    expect(doc.paths["/batches/{id}"]?.delete?.security).toHaveLength(2);
    expect(doc.paths["/admin/errors/{id}/resolve"]?.post?.security).toHaveLength(2);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/admin/login", "/admin/logout", "/admin/session"]),
    );
  });
});
