import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { pdfFileChunks, pdfFiles } from "../../src/db/schema/index.ts";
import { PDF_CHUNK_BYTES, readPdf } from "../../src/storage/pdf-store.ts";
import { makePdfFile } from "../support/factories.ts";
import { describeEachDriver } from "../support/test-databases.ts";

describeEachDriver("the PDF store", ({ database }) => {
  it("stores a file over several chunks and reads back the same bytes", async () => {
    const { db } = database();
    const content = new Uint8Array(
      Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(PDF_CHUNK_BYTES * 2 + 123)]),
    );
    const pdf = await makePdfFile(db, content);
    const [chunks] = await db.select({ n: count() }).from(pdfFileChunks);
    expect(chunks?.n).toBe(3);
    expect(Buffer.from((await readPdf(db, pdf.sha256))!).equals(Buffer.from(content))).toBe(true);
  });

  it("stores the same bytes once however often they come", async () => {
    const { db } = database();
    const content = new Uint8Array(Buffer.from("%PDF-1.4\nsame bytes"));
    await makePdfFile(db, content);
    await makePdfFile(db, content);
    const [files] = await db.select({ n: count() }).from(pdfFiles);
    expect(files?.n).toBe(1);
  });

  it("answers null for bytes it does not have", async () => {
    expect(await readPdf(database().db, "0".repeat(64))).toBeNull();
  });
});
