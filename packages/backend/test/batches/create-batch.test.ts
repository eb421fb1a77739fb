import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type CreateBatchInput, insertBatch } from "../../src/batches/create-batch.ts";
import { pdfFileChunks, pdfFiles } from "../../src/db/schema/index.ts";
import type { ReceivedFile } from "../../src/ingest/receive-multipart.ts";
import { readPdf } from "../../src/storage/pdf-store.ts";
import { makePdfFile } from "../support/factories.ts";
import { describeEachDriver } from "../support/test-databases.ts";

describeEachDriver("creating a batch", ({ driver, database, url }) => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "splitstream-create-batch-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A received upload, as the multipart route hands it over: a verified temporary file. */
  async function receivedFile(content: Uint8Array): Promise<ReceivedFile> {
    const sha256 = createHash("sha256").update(content).digest("hex");
    const path = join(dir, `${sha256}.pdf`);
    await writeFile(path, content);
    return { fileName: "meet.pdf", path, sha256, sizeBytes: content.byteLength };
  }

  function inputFor(uploads: ReceivedFile[]): CreateBatchInput {
    return {
      swimmerName: "Robin Vale",
      notificationEmail: undefined,
      uploads,
      urls: ["https://example.com/other-meet.pdf"],
      clientIp: null,
      ttlDays: 7,
    };
  }

  async function storedCounts() {
    const { db } = database();
    const [files] = await db.select({ n: count() }).from(pdfFiles);
    const [chunks] = await db.select({ n: count() }).from(pdfFileChunks);
    return { files: files?.n, chunks: chunks?.n };
  }

  it("names PDFs stored before without writing them again, and stores new ones", async () => {
    const known = await makePdfFile(database().db, new TextEncoder().encode("%PDF-1.4\nknown meet"));
    const before = await storedCounts();
    const first = await insertBatch(database(), inputFor([await receivedFile(known.content)]));
    expect(first.jobs.map((job) => job.sha256)).toEqual([known.sha256, null]);
    expect(await storedCounts()).toEqual(before);

    const fresh = new TextEncoder().encode("%PDF-1.4\nnew meet");
    const second = await insertBatch(
      database(),
      inputFor([await receivedFile(known.content), await receivedFile(fresh)]),
    );
    expect(second.jobs).toHaveLength(3);
    const freshSha = second.jobs[1]?.sha256;
    expect(freshSha).toBe(createHash("sha256").update(fresh).digest("hex"));
    expect(Buffer.from((await readPdf(database().db, freshSha!))!).toString()).toBe("%PDF-1.4\nnew meet");
  });

  // PGlite has one connection: nothing can delete the row between the look and the insert there.
  it.skipIf(driver === "pglite")(
    "stores a PDF again when it expires between the look and the insert",
    async () => {
      const content = new TextEncoder().encode("%PDF-1.4\nexpiring meet");
      const stored = await makePdfFile(database().db, content);
      const upload = await receivedFile(content);
      const other = postgres(url()!, { max: 1, onnotice: () => {} });
      let creating: ReturnType<typeof insertBatch> | undefined;
      try {
        await other.begin(async (tx) => {
          // Expire the unreferenced PDF, as delete-expired does, but hold the commit: the batch's look
          // still sees the row, and its insert waits on the row lock until this commits.
          await tx`delete from pdf_files where sha256 = ${stored.sha256}`;
          creating = insertBatch(database(), inputFor([upload]));
          await waitForLockWait(url()!);
        });
      } finally {
        await other.end({ timeout: 5 });
      }
      const { jobs } = await creating!;
      expect(jobs[0]?.sha256).toBe(stored.sha256);
      const [row] = await database().db.select().from(pdfFiles).where(eq(pdfFiles.sha256, stored.sha256));
      expect(row?.sizeBytes).toBe(content.byteLength);
      expect(Buffer.from((await readPdf(database().db, stored.sha256))!).toString()).toBe(
        "%PDF-1.4\nexpiring meet",
      );
    },
  );
});

/** Until some session of the database waits on a lock (the batch's insert, on the deleted row). */
async function waitForLockWait(url: string): Promise<void> {
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [row] = await probe<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      if ((row?.n ?? 0) > 0) return;
      if (Date.now() > deadline) throw new Error("the batch's insert never waited on the deleted row");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await probe.end({ timeout: 5 });
  }
}
