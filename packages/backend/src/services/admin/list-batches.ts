/** The admin's batch list: filtered by status, swimmer and dates, newest first, a page at a time with the total. */
import type { AdminBatchList, AdminBatchListQuery, AdminBatchRow, ErrorTypeCount } from "@splitstream/shared";
import { and, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, type SQL } from "drizzle-orm";
import { toBatchView } from "../../batches/batch-views.ts";
import type { Db } from "../../db/database.ts";
import { batchProcessingStatus, processingBatches, resultLinks } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { escapeLike, pageInfo } from "./paging.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export async function listBatches({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input: AdminBatchListQuery;
}): Promise<AdminBatchList> {
  const { db } = ctx.database;
  const where = and(...filtersOf(input));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        batch: processingBatches,
        errorRate: batchProcessingStatus.errorRate,
        topErrorTypes: batchProcessingStatus.topErrorTypes,
      })
      .from(processingBatches)
      .innerJoin(batchProcessingStatus, eq(batchProcessingStatus.batchId, processingBatches.id))
      .where(where)
      .orderBy(desc(processingBatches.createdAt), desc(processingBatches.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(processingBatches).where(where),
  ]);
  const codes = await resultCodesOf(
    db,
    rows.map((row) => row.batch.id),
  );
  const items: AdminBatchRow[] = rows.map((row) => ({
    ...toBatchView(row.batch, codes.get(row.batch.id) ?? null),
    errorRate: Math.min(1, Math.max(0, row.errorRate)),
    topErrorTypes: row.topErrorTypes as ErrorTypeCount[],
  }));
  return { ...pageInfo(input, total?.n ?? 0), items };
}

function filtersOf(input: AdminBatchListQuery): SQL[] {
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(processingBatches.status, input.status));
  if (input.swimmer) filters.push(ilike(processingBatches.swimmerName, `%${escapeLike(input.swimmer)}%`));
  if (input.from) filters.push(gte(processingBatches.createdAt, new Date(input.from)));
  if (input.to) {
    // A bare date means the whole of that day.
    filters.push(
      DATE_ONLY.test(input.to)
        ? lt(processingBatches.createdAt, new Date(Date.parse(input.to) + DAY_MS))
        : lte(processingBatches.createdAt, new Date(input.to)),
    );
  }
  return filters;
}

/** The batch-wide (not per-job), unrevoked result link of each batch, as the batch view shows it. */
async function resultCodesOf(db: Db, batchIds: string[]): Promise<Map<string, string>> {
  if (batchIds.length === 0) return new Map();
  const links = await db
    .select({ batchId: resultLinks.batchId, code: resultLinks.code })
    .from(resultLinks)
    .where(
      and(inArray(resultLinks.batchId, batchIds), isNull(resultLinks.jobId), isNull(resultLinks.revokedAt)),
    )
    .orderBy(desc(resultLinks.createdAt));
  const codes = new Map<string, string>();
  for (const link of links) if (!codes.has(link.batchId)) codes.set(link.batchId, link.code);
  return codes;
}
