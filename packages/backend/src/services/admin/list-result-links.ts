/** Every result link of one batch (batch-wide and per-job, revoked and expired too), so an admin can open any. */
import type { AdminResultLinkList } from "@splitstream/shared";
import { desc, eq } from "drizzle-orm";
import { processingBatches, resultLinks } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { NotFoundError } from "../service-error.ts";

export async function listResultLinks({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { batchId: string };
}): Promise<AdminResultLinkList> {
  const { db } = ctx.database;
  const now = ctx.clock();
  const [batch] = await db
    .select({ id: processingBatches.id })
    .from(processingBatches)
    .where(eq(processingBatches.id, input.batchId));
  if (!batch) throw new NotFoundError("That batch");
  const links = await db
    .select()
    .from(resultLinks)
    .where(eq(resultLinks.batchId, input.batchId))
    .orderBy(desc(resultLinks.createdAt), resultLinks.code);
  return {
    items: links.map((link) => ({
      code: link.code,
      batchId: link.batchId,
      jobId: link.jobId,
      state: link.revokedAt ? "revoked" : link.expiresAt && link.expiresAt <= now ? "expired" : "active",
      path: `/r/${link.code}`,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt?.toISOString() ?? null,
      revokedAt: link.revokedAt?.toISOString() ?? null,
      viewCount: link.viewCount,
      lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
    })),
  };
}
