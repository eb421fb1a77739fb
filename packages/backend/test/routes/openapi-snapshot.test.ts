/**
 * The committed OpenAPI document (packages/backend/openapi.json) is the API's contract for clients: this
 * fails when the routes drift from it. After a deliberate change: `bun run openapi:update`, and commit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const SNAPSHOT = fileURLToPath(new URL("../../openapi.json", import.meta.url));

describeEachDriver("the OpenAPI document", ({ database }) => {
  it("matches the committed openapi.json", async () => {
    const { app } = createTestApp(database());
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { info: { version: string } };
    // The version is the build's, not the contract's.
    const text = `${JSON.stringify({ ...doc, info: { ...doc.info, version: "(build)" } }, null, 2)}\n`;
    if (process.env.OPENAPI_UPDATE === "1") writeFileSync(SNAPSHOT, text);
    expect(text, "the API changed: run `bun run openapi:update` and commit openapi.json").toBe(
      readFileSync(SNAPSHOT, "utf8"),
    );
  });
});
