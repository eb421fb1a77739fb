/**
 * What a shared result link's preview names: the swimmer and the number of swims, read without
 * counting a view (link-preview robots and the page's own load are not people opening the results).
 */
import { eq } from "drizzle-orm";
import { resultLinks } from "../db/schema/index.ts";
import { getBatchResults } from "./get-results.ts";
import type { ServiceContext } from "./service-context.ts";

export type SharePreview =
  | { state: "live"; swimmerName: string; swimCount: number; meetCount: number }
  | { state: "missing" }
  | { state: "gone" };

export async function readSharePreview({
  ctx,
  input: { code },
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: { code: string };
}): Promise<SharePreview> {
  const { database } = ctx;
  const now = ctx.clock();
  const [link] = await database.db
    .select({
      batchId: resultLinks.batchId,
      revokedAt: resultLinks.revokedAt,
      expiresAt: resultLinks.expiresAt,
    })
    .from(resultLinks)
    .where(eq(resultLinks.code, code));
  if (!link) return { state: "missing" };
  // The same rules as openResultLink, so the preview never names a swimmer the page will not show.
  if (link.revokedAt || (link.expiresAt && link.expiresAt < now)) return { state: "gone" };
  const results = await getBatchResults({ ctx, input: { batchId: link.batchId } });
  return {
    state: "live",
    swimmerName: results.swimmerName,
    swimCount: results.swims.length,
    meetCount: results.meets.filter((meet) => meet.swimCount > 0).length,
  };
}
