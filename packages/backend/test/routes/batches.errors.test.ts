import { mkdtemp, readdir, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorEnvelopeSchema } from "@splitstream/shared";
import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { batchEvents, batchJobs, pdfFiles, processingBatches } from "../../src/db/schema/index.ts";
import { fakePdfBytes } from "../support/factories.ts";
import { serveOnLoopback } from "../support/serve-on-loopback.ts";
import { submitFiles } from "../support/submit-batch.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = errorEnvelopeSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBeTruthy();
  return body;
}

describeEachDriver("POST /api/v1/batches with bad input", ({ database }) => {
  async function expectNothingWritten() {
    const { db } = database();
    for (const table of [processingBatches, batchJobs, batchEvents, pdfFiles]) {
      const [row] = await db.select({ n: count() }).from(table);
      expect(row?.n).toBe(0);
    }
  }

  it("refuses a file that is not a PDF with 415 NOT_PDF and keeps nothing", async () => {
    // Its own temporary directory, so uploads of tests running alongside cannot show up in it.
    const tempDir = await mkdtemp(join(tmpdir(), "splitstream-test-"));
    const { app } = createTestApp(database(), { TEMP_DIR: tempDir });
    const res = await submitFiles(app, "Quinn Avery", [
      { name: "notes.pdf", bytes: new TextEncoder().encode("<html>not a pdf</html>") },
    ]);
    const body = await expectEnvelope(res, 415, "NOT_PDF");
    expect(body.error.message).toContain("notes.pdf");
    await expectNothingWritten();
    expect(await readdir(tempDir)).toEqual([]);
    await rm(tempDir, { recursive: true });
  });

  it("stops a file past the size limit with 413 TOO_LARGE and keeps nothing", async () => {
    const { app } = createTestApp(database(), { MAX_FILE_MB: "0.01" });
    const big = new Uint8Array(20_000);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    await expectEnvelope(
      await submitFiles(app, "Quinn Avery", [{ name: "big.pdf", bytes: big }]),
      413,
      "TOO_LARGE",
    );
    await expectNothingWritten();
  });

  it("removes the half-received file and keeps nothing when the client hangs up midway", async () => {
    const tempDir = await mkdtemp(join(tmpdir(), "splitstream-test-"));
    const { app } = createTestApp(database(), { TEMP_DIR: tempDir });
    const wire = await serveOnLoopback(app);
    const port = Number(new URL(wire.url).port);
    const boundary = "splitstream-abort";
    const head = [
      `--${boundary}\r\nContent-Disposition: form-data; name="swimmerName"\r\n\r\nQuinn Avery\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="meet.pdf"\r\n`,
      "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n",
    ].join("");
    const upload = httpRequest({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/v1/batches",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(10 * 1024 * 1024),
      },
    });
    upload.on("error", () => {});
    upload.write(head);
    upload.write(Buffer.alloc(256 * 1024, 0x20));
    // The server is writing the file: its upload folder holds part of it.
    await expect.poll(async () => (await readdir(tempDir)).length, { timeout: 10_000 }).toBe(1);
    upload.destroy();

    await expect.poll(async () => readdir(tempDir), { timeout: 10_000 }).toEqual([]);
    await expectNothingWritten();
    await wire.close();
    await rm(tempDir, { recursive: true });
  });

  it("answers malformed multipart with 400 MALFORMED_MULTIPART", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/batches", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="swimmerName"\r\n\r\nQuinn',
    });
    await expectEnvelope(res, 400, "MALFORMED_MULTIPART");
    await expectNothingWritten();
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/batches", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    await expectEnvelope(res, 400, "MALFORMED_JSON");
  });

  it("answers another body type with 415", async () => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/batches", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hi",
    });
    await expectEnvelope(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it.each([
    [{ swimmerName: "Q", urls: ["https://example.org/a.pdf"] }, "swimmerName"],
    [{ swimmerName: "x".repeat(121), urls: ["https://example.org/a.pdf"] }, "swimmerName"],
    [{ swimmerName: "Quinn Avery", urls: ["ftp://example.org/a.pdf"] }, "urls.0"],
    [{ swimmerName: "Quinn Avery", urls: ["not a url"] }, "urls.0"],
    [
      { swimmerName: "Quinn Avery", urls: ["https://example.org/a.pdf"], notificationEmail: "nope" },
      "notificationEmail",
    ],
    [{ swimmerName: "Quinn Avery", urls: [] }, "files"],
  ])("rejects %j with 400 VALIDATION_FAILED naming %s", async (body, path) => {
    const { app } = createTestApp(database());
    const res = await app.request("/api/v1/batches", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const envelope = await expectEnvelope(res, 400, "VALIDATION_FAILED");
    const issues = (envelope.error.details as { issues: Array<{ path: string }> }).issues;
    expect(issues.map((issue) => issue.path)).toContain(path);
    await expectNothingWritten();
  });

  it("rejects more sources than allowed", async () => {
    const { app } = createTestApp(database(), { MAX_SOURCES_PER_BATCH: "2" });
    const urls = ["https://example.org/1.pdf", "https://example.org/2.pdf", "https://example.org/3.pdf"];
    const res = await app.request("/api/v1/batches", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ swimmerName: "Quinn Avery", urls }),
    });
    await expectEnvelope(res, 400, "VALIDATION_FAILED");
  });

  it("answers unknown and malformed batch ids with 404 and 400", async () => {
    const { app } = createTestApp(database());
    await expectEnvelope(
      await app.request("/api/v1/batches/00000000-0000-4000-8000-000000000000"),
      404,
      "NOT_FOUND",
    );
    await expectEnvelope(await app.request("/api/v1/batches/nope"), 400, "VALIDATION_FAILED");
    await expectEnvelope(
      await app.request("/api/v1/batches/00000000-0000-4000-8000-000000000000/results"),
      404,
      "NOT_FOUND",
    );
    await expectEnvelope(await app.request("/api/v1/results/abcdefghijkl"), 404, "NOT_FOUND");
    await expectEnvelope(await app.request("/api/v1/results/short"), 400, "VALIDATION_FAILED");
  });
});

describeEachDriver("POST /api/v1/batches", ({ database }) => {
  it("creates a batch with its jobs and first events in one go, storing a PDF sent twice once", async () => {
    const { app } = createTestApp(database());
    const bytes = fakePdfBytes();
    const res = await submitFiles(
      app,
      "  Quinn Avery  ",
      [
        { name: "a.pdf", bytes },
        { name: "b.pdf", bytes },
      ],
      ["https://example.org/meets/results%202024.pdf"],
    );
    expect(res.status).toBe(201);
    const batch = (await res.json()) as {
      swimmerName: string;
      status: string;
      counts: { total: number };
      jobs: Array<Record<string, unknown>>;
      lastSeq: number;
    };
    expect(batch).toMatchObject({
      swimmerName: "Quinn Avery",
      status: "pending",
      counts: { total: 3 },
      lastSeq: 3,
    });
    expect(batch.jobs.map((job) => [job.sourceType, job.fileName, job.stage])).toEqual([
      ["upload", "a.pdf", "queued"],
      ["upload", "b.pdf", "queued"],
      ["url", "results 2024.pdf", "queued"],
    ]);
    const [files] = await database().db.select({ n: count() }).from(pdfFiles);
    expect(files?.n).toBe(1);
  });
});
