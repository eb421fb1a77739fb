/** The error log, newest first, with each entry's resolution; filtered by code, resolved state and batch. */
import type { AdminErrorEntry, AdminErrorList, AdminErrorListQuery } from "@splitstream/shared";
import { and, count, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/database.ts";
import { type ErrorLogRow, errorLogs, errorResolutions } from "../../db/schema/index.ts";
import { pageInfo } from "./paging.ts";

type ResolutionRow = typeof errorResolutions.$inferSelect;

export async function listErrors({
  db,
  input,
}: {
  db: DbOrTx;
  input: AdminErrorListQuery;
}): Promise<AdminErrorList> {
  const where = and(...filtersOf(input));
  const rows = await db
    .select({ entry: errorLogs, resolution: errorResolutions })
    .from(errorLogs)
    .leftJoin(errorResolutions, eq(errorResolutions.errorLogId, errorLogs.id))
    .where(where)
    .orderBy(desc(errorLogs.createdAt), desc(errorLogs.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(errorLogs)
    .leftJoin(errorResolutions, eq(errorResolutions.errorLogId, errorLogs.id))
    .where(where);
  return {
    ...pageInfo(input, total?.n ?? 0),
    items: rows.map((row) => toErrorEntry(row.entry, row.resolution)),
  };
}

function filtersOf(input: AdminErrorListQuery): SQL[] {
  const filters: SQL[] = [];
  if (input.code) filters.push(eq(errorLogs.errorCode, input.code));
  if (input.resolved !== undefined) {
    filters.push(
      input.resolved ? isNotNull(errorResolutions.errorLogId) : isNull(errorResolutions.errorLogId),
    );
  }
  if (input.batchId) filters.push(eq(errorLogs.batchId, input.batchId));
  return filters;
}

export function toErrorEntry(entry: ErrorLogRow, resolution: ResolutionRow | null): AdminErrorEntry {
  return {
    id: entry.id,
    batchId: entry.batchId,
    jobId: entry.jobId,
    workerId: entry.workerId,
    code: entry.errorCode,
    message: entry.message,
    context: entry.context ?? null,
    retryable: entry.retryable,
    createdAt: entry.createdAt.toISOString(),
    resolution: resolution
      ? {
          resolvedBy: resolution.resolvedBy,
          note: resolution.note,
          resolvedAt: resolution.resolvedAt.toISOString(),
        }
      : null,
  };
}
