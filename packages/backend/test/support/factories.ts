/** Small factories that make the rows a test needs, with overrides; every test makes its own data. */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbOrTx } from "../../src/db/database.ts";
import { batchJobs, type NewBatchRow, type NewJobRow, processingBatches } from "../../src/db/schema/index.ts";
import { storePdfFromFile } from "../../src/storage/pdf-store.ts";

export async function makeBatch(db: DbOrTx, overrides: Partial<NewBatchRow> = {}) {
  const [batch] = await db
    .insert(processingBatches)
    .values({ swimmerName: "Quinn Avery", totalJobs: 0, ...overrides })
    .returning();
  return batch!;
}

/** Stores bytes as a PDF through the real store (via a temporary file, as uploads do). */
export async function makePdfFile(db: DbOrTx, content: Uint8Array = fakePdfBytes()) {
  const sha256 = createHash("sha256").update(content).digest("hex");
  const dir = await mkdtemp(join(tmpdir(), "splitstream-factory-"));
  const path = join(dir, "file.pdf");
  await writeFile(path, content);
  try {
    await storePdfFromFile(db, { path, sha256, sizeBytes: content.byteLength });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { sha256, sizeBytes: content.byteLength, content };
}

export async function makeJob(db: DbOrTx, batchId: string, overrides: Partial<NewJobRow> = {}) {
  const [job] = await db
    .insert(batchJobs)
    .values({
      batchId,
      position: 0,
      sourceType: "url",
      sourceUrl: "https://example.org/meet.pdf",
      ...overrides,
    })
    .returning();
  return job!;
}

/** Bytes that start like a PDF and differ every call (for content-addressed rows). */
export function fakePdfBytes(): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(64)]));
}
