/**
 * POST /api/v1/batches with a notificationEmail: refused with a field error when the server has no
 * SMTP_URL (nothing kept), taken when it can send, and an empty field is no address at all.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorEnvelopeSchema } from "@splitstream/shared";
import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { pdfFiles, processingBatches } from "../../src/db/schema/index.ts";
import { fakePdfBytes } from "../support/factories.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const SMTP = { SMTP_URL: "smtp://127.0.0.1:2525" };
const EMAIL_OFF = "This server cannot send e-mail; leave the field empty";

function jsonBatch(body: Record<string, unknown>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ swimmerName: "Quinn Avery", urls: ["https://example.org/a.pdf"], ...body }),
  };
}

function multipartBatch(notificationEmail: string): RequestInit {
  const form = new FormData();
  form.set("swimmerName", "Quinn Avery");
  form.append("files", new Blob([fakePdfBytes()], { type: "application/pdf" }), "meet.pdf");
  form.set("notificationEmail", notificationEmail);
  return { method: "POST", body: form };
}

async function expectEmailRefused(res: Response) {
  expect(res.status).toBe(400);
  const { error } = errorEnvelopeSchema.parse(await res.json());
  expect(error.code).toBe("VALIDATION_FAILED");
  expect(error.details).toEqual({ issues: [{ path: "notificationEmail", message: EMAIL_OFF }] });
}

describeEachDriver("POST /api/v1/batches with a notificationEmail", ({ database }) => {
  async function rowCount(table: typeof processingBatches | typeof pdfFiles) {
    const [row] = await database().db.select({ n: count() }).from(table);
    return row?.n;
  }

  it("refuses the address in JSON when the server cannot send e-mail, keeping nothing", async () => {
    const { app } = createTestApp(database());
    await expectEmailRefused(
      await app.request("/api/v1/batches", jsonBatch({ notificationEmail: "parent@example.test" })),
    );
    expect(await rowCount(processingBatches)).toBe(0);
  });

  it("refuses it in a multipart upload too, and removes the received file", async () => {
    const tempDir = await mkdtemp(join(tmpdir(), "splitstream-test-"));
    const { app } = createTestApp(database(), { TEMP_DIR: tempDir });
    await expectEmailRefused(await app.request("/api/v1/batches", multipartBatch("parent@example.test")));
    expect(await rowCount(processingBatches)).toBe(0);
    expect(await rowCount(pdfFiles)).toBe(0);
    expect(await readdir(tempDir)).toEqual([]);
    await rm(tempDir, { recursive: true });
  });

  it("takes a batch without an address, or with an empty field, when e-mail is off", async () => {
    const { app } = createTestApp(database());
    expect((await app.request("/api/v1/batches", jsonBatch({}))).status).toBe(201);
    expect((await app.request("/api/v1/batches", multipartBatch(""))).status).toBe(201);
    const rows = await database().db.select().from(processingBatches);
    expect(rows.map((row) => row.notificationEmail)).toEqual([null, null]);
  });

  it("keeps the address when the server can send e-mail", async () => {
    const { app } = createTestApp(database(), SMTP);
    const res = await app.request("/api/v1/batches", jsonBatch({ notificationEmail: "parent@example.test" }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await database().db.select().from(processingBatches).where(eq(processingBatches.id, id));
    expect(row?.notificationEmail).toBe("parent@example.test");
    const upload = await app.request("/api/v1/batches", multipartBatch("coach@example.test"));
    expect(upload.status).toBe(201);
  });

  it("still names a malformed address as malformed when e-mail is on", async () => {
    const { app } = createTestApp(database(), SMTP);
    const res = await app.request("/api/v1/batches", jsonBatch({ notificationEmail: "nope" }));
    expect(res.status).toBe(400);
    const { error } = errorEnvelopeSchema.parse(await res.json());
    expect(JSON.stringify(error.details)).toContain("Not a valid e-mail address.");
  });
});
