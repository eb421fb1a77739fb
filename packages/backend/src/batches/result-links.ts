/** Result links: short unguessable codes (12 characters, 72 bits) that open a batch's results. */
import { randomBytes } from "node:crypto";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/database.ts";
import { processingBatches, resultLinks } from "../db/schema/index.ts";

export function newResultCode(): string {
  return randomBytes(9).toString("base64url");
}

/** The open result link of the batch a query selects, as a column of that query (null when it has none). */
export function resultCodeOf(): SQL<string | null> {
  return sql<string | null>`(select ${resultLinks.code} from ${resultLinks}
    where ${resultLinks.batchId} = ${processingBatches.id} and ${resultLinks.jobId} is null
      and ${resultLinks.revokedAt} is null limit 1)`;
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
