import { hc } from "hono/client";
import { expect, it } from "vitest";
import type { AppType } from "../../src/app-type.ts";
import { makeBatch } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";
import { ADMIN_TOKEN } from "./admin-factories.ts";

describeEachDriver("the typed client on the admin API", ({ database }) => {
  it("logs in, lists batches with typed filters and reads typed bodies", async () => {
    const batch = await makeBatch(database().db, { swimmerName: "Typed Client", status: "completed" });
    const { app } = createTestApp(database());
    let cookie = "";
    const client = hc<AppType>("http://localhost/api/v1", {
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        if (cookie) headers.set("cookie", cookie);
        const res = await app.request(input instanceof Request ? input.url : String(input), {
          ...init,
          headers,
        });
        cookie = res.headers.get("set-cookie")?.split(";")[0] ?? cookie;
        return res;
      },
    });

    const login = await client.admin.login.$post({ json: { token: ADMIN_TOKEN } });
    expect(login.status).toBe(200);
    const list = await client.batches.$get({ query: { swimmer: "typed", pageSize: "10" } });
    if (!list.ok) throw new Error(`unexpected ${list.status}`);
    const body = await list.json();
    expect(body.items.map((item) => item.id)).toEqual([batch.id]);
    expect(body.total).toBe(1);

    const summary = await client.admin.summary.$get();
    if (summary.status !== 200) throw new Error(`unexpected ${summary.status}`);
    expect((await summary.json()).batches.byStatus.completed).toBe(1);

    const removed = await client.batches[":id"].$delete({ param: { id: batch.id } });
    expect(removed.status).toBe(200);
  });
});
