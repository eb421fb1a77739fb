/** GET /api/v1/results/:code for links that are live, withdrawn, expired or unknown, and what a view records. */
import { errorEnvelopeSchema } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { resultLinks } from "../../src/db/schema/index.ts";
import { makeResultLink } from "../admin/admin-factories.ts";
import { makeBatch } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const HOUR_MS = 60 * 60 * 1000;

describeEachDriver("GET /api/v1/results/:code", ({ database }) => {
  const setup = async () => {
    const batch = await makeBatch(database().db, { status: "completed", completedAt: new Date() });
    return { app: createTestApp(database()).app, batch };
  };

  it("serves a live link and counts the view", async () => {
    const { app, batch } = await setup();
    const link = await makeResultLink(database().db, batch.id, {
      expiresAt: new Date(Date.now() + HOUR_MS),
    });
    const res = await app.request(`/api/v1/results/${link.code}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ batchId: batch.id, swims: [] });
    const [row] = await database().db.select().from(resultLinks).where(eq(resultLinks.code, link.code));
    expect(row?.viewCount).toBe(1);
    expect(row?.lastViewedAt).toBeInstanceOf(Date);
  });

  it.each([
    ["withdrawn", { revokedAt: new Date(Date.now() - HOUR_MS) }, /withdrawn/],
    ["expired", { expiresAt: new Date(Date.now() - HOUR_MS) }, /expired/],
  ])("answers the %s link with 410 GONE in the envelope", async (_state, overrides, message) => {
    const { app, batch } = await setup();
    const link = await makeResultLink(database().db, batch.id, overrides);
    const res = await app.request(`/api/v1/results/${link.code}`);
    expect(res.status).toBe(410);
    const { error } = errorEnvelopeSchema.parse(await res.json());
    expect(error.code).toBe("GONE");
    expect(error.message).toMatch(message);
  });
});
