/** What a result link shows: the batch's results, if the code exists, has not expired and is not revoked. */
import type { BatchResults } from "@splitstream/shared";
import { eq, sql } from "drizzle-orm";
import { resultLinks } from "../db/schema/index.ts";
import { getBatchResults } from "./get-results.ts";
import type { ServiceContext } from "./service-context.ts";
import { NotFoundError, ServiceError } from "./service-error.ts";

export async function openResultLink({
  ctx,
  input: { code },
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { code: string };
}): Promise<BatchResults> {
  const { database } = ctx;
  const now = ctx.clock();
  const [link] = await database.db
    .update(resultLinks)
    .set({ viewCount: sql`${resultLinks.viewCount} + 1`, lastViewedAt: now })
    .where(eq(resultLinks.code, code))
    .returning();
  if (!link) throw new NotFoundError("That result link");
  if (link.revokedAt) throw new ServiceError("GONE", "This result link has been withdrawn.");
  if (link.expiresAt && link.expiresAt < now) throw new ServiceError("GONE", "This result link has expired.");
  return getBatchResults({ ctx, input: { batchId: link.batchId } });
}
