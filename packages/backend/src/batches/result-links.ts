/** Result links: short unguessable codes (12 characters, 72 bits) that open a batch's results. */
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { resultLinks } from "../db/schema/index.ts";

export function newResultCode(): string {
  return randomBytes(9).toString("base64url");
}

/** The batch's link, made on first need (a batch keeps one link however often it finishes). */
export async function createResultLink(tx: DbOrTx, batchId: string): Promise<string> {
  const [existing] = await tx
    .select({ code: resultLinks.code })
    .from(resultLinks)
    .where(and(eq(resultLinks.batchId, batchId), isNull(resultLinks.jobId), isNull(resultLinks.revokedAt)));
  if (existing) return existing.code;
  const code = newResultCode();
  await tx.insert(resultLinks).values({ code, batchId });
  return code;
}
