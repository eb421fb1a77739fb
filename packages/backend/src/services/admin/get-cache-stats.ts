/** The checksum cache: stored PDFs and their bytes, extraction results, and how often results were reused. */
import type { AdminCacheStats } from "@splitstream/shared";
import { count, desc, sql } from "drizzle-orm";
import { extractionResults, pdfFiles } from "../../db/schema/index.ts";
import type { ServiceContext } from "../service-context.ts";
import { ratio } from "./paging.ts";

export async function getCacheStats({
  ctx,
}: {
  ctx: Pick<ServiceContext, "database" | "clock">;
  input?: Record<string, never>;
}): Promise<AdminCacheStats> {
  const { db } = ctx.database;
  const [files] = await db
    .select({ count: count(), bytes: sql<number>`coalesce(sum(${pdfFiles.sizeBytes}), 0)`.mapWith(Number) })
    .from(pdfFiles);
  const versions = await db
    .select({
      extractorVersion: extractionResults.extractorVersion,
      results: count(),
      failed: sql<number>`count(*) filter (where ${extractionResults.errorCode} is not null)`.mapWith(Number),
      hits: sql<number>`coalesce(sum(${extractionResults.hitCount}), 0)`.mapWith(Number),
      swims: sql<number>`coalesce(sum(${extractionResults.swimCount}), 0)`.mapWith(Number),
      averageDurationMs: sql<number>`coalesce(avg(${extractionResults.durationMs}), 0)`.mapWith(Number),
      lastHitAt: sql<string | null>`max(${extractionResults.lastHitAt})`,
    })
    .from(extractionResults)
    .groupBy(extractionResults.extractorVersion)
    .orderBy(desc(count()), extractionResults.extractorVersion);

  const results = sumOf(versions.map((row) => row.results));
  const hits = sumOf(versions.map((row) => row.hits));
  return {
    pdfFiles: { count: files?.count ?? 0, bytes: files?.bytes ?? 0 },
    extractionResults: { count: results, failed: sumOf(versions.map((row) => row.failed)) },
    // Each stored result is one parse, i.e. one miss; each reuse is a hit.
    hits: { hits, misses: results, hitRate: ratio(hits, hits + results) },
    byExtractorVersion: versions.map((row) => ({
      extractorVersion: row.extractorVersion,
      results: row.results,
      failed: row.failed,
      hits: row.hits,
      hitRate: ratio(row.hits, row.hits + row.results),
      swims: row.swims,
      averageDurationMs: Math.round(row.averageDurationMs),
      lastHitAt: row.lastHitAt ? new Date(row.lastHitAt).toISOString() : null,
    })),
  };
}

function sumOf(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
