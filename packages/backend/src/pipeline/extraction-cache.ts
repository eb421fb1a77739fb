/**
 * The checksum cache: one parse per (sha256, extractor version), shared by every user. A claim row makes
 * sure two jobs racing on one new PDF parse it once; the loser waits for the winner's result.
 */
import type { ExtractionOutput, JobErrorCode } from "@splitstream/shared";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import {
  batchJobs,
  type ExtractionResultRow,
  extractionClaims,
  extractionResults,
} from "../db/schema/index.ts";

/** Errors that parsing the same bytes again cannot change: cached like results, so nobody pays twice. */
export const DETERMINISTIC_ERRORS: ReadonlySet<JobErrorCode> = new Set([
  "NOT_PDF",
  "ENCRYPTED_PDF",
  "CORRUPT_PDF",
  "NOT_RESULTS",
  "UNSUPPORTED_FORMAT",
]);

/** The cached parse of these bytes, counted as a hit in the same statement; null when there is none. */
export async function takeCachedExtraction(
  database: Database,
  { sha256, version, at }: { sha256: string; version: string; at: Date },
): Promise<ExtractionResultRow | null> {
  const [row] = await database.db
    .update(extractionResults)
    .set({ hitCount: sql`${extractionResults.hitCount} + 1`, lastHitAt: at })
    .where(and(eq(extractionResults.sha256, sha256), eq(extractionResults.extractorVersion, version)))
    .returning();
  return row ?? null;
}

/**
 * Takes the right to parse these bytes, or takes over a claim whose holder is gone: its job's lease has
 * lapsed or passed to another worker (a crashed instance), or the claim outlived the parse time limit.
 * False: a live worker is parsing them.
 */
export async function claimExtraction(
  database: Database,
  input: { sha256: string; version: string; owner: { jobId: string; workerId: string }; limitMs: number },
): Promise<boolean> {
  const { sha256, version, owner } = input;
  const until = sql`now() + make_interval(secs => ${input.limitMs / 1000})`;
  const holderGone = sql`${extractionClaims.claimedUntil} < now() or not exists (
    select 1 from ${batchJobs}
    where ${batchJobs.id} = ${extractionClaims.jobId}
      and ${batchJobs.lockedBy} = ${extractionClaims.claimedBy}
      and ${batchJobs.lockedUntil} >= now())`;
  const rows = await database.db
    .insert(extractionClaims)
    .values({
      sha256,
      extractorVersion: version,
      claimedBy: owner.workerId,
      jobId: owner.jobId,
      claimedUntil: until,
    })
    .onConflictDoUpdate({
      target: [extractionClaims.sha256, extractionClaims.extractorVersion],
      set: { claimedBy: owner.workerId, jobId: owner.jobId, claimedUntil: until },
      setWhere: holderGone,
    })
    .returning({ claimedBy: extractionClaims.claimedBy, jobId: extractionClaims.jobId });
  return rows[0]?.claimedBy === owner.workerId && rows[0]?.jobId === owner.jobId;
}

export async function releaseExtractionClaim(
  database: Database,
  sha256: string,
  version: string,
  workerId: string,
): Promise<void> {
  await database.db
    .delete(extractionClaims)
    .where(
      and(
        eq(extractionClaims.sha256, sha256),
        eq(extractionClaims.extractorVersion, version),
        eq(extractionClaims.claimedBy, workerId),
      ),
    );
}

export type ExtractionOutcome =
  | { ok: true; output: ExtractionOutput; durationMs: number }
  | { ok: false; code: JobErrorCode; message: string; durationMs: number };

/** Stores the parse (or its deterministic failure) and gives up the claim, in one transaction. */
export async function storeExtraction(
  database: Database,
  input: { sha256: string; version: string; workerId: string; outcome: ExtractionOutcome },
): Promise<void> {
  const { outcome } = input;
  await database.db.transaction(async (tx) => {
    await tx
      .insert(extractionResults)
      .values({
        sha256: input.sha256,
        extractorVersion: input.version,
        output: outcome.ok ? outcome.output : null,
        errorCode: outcome.ok ? null : outcome.code,
        errorMessage: outcome.ok ? null : outcome.message,
        software: outcome.ok ? outcome.output.meet.software : null,
        swimCount: outcome.ok ? outcome.output.swims.length : 0,
        durationMs: Math.round(outcome.durationMs),
      })
      .onConflictDoNothing();
    await tx
      .delete(extractionClaims)
      .where(
        and(
          eq(extractionClaims.sha256, input.sha256),
          eq(extractionClaims.extractorVersion, input.version),
          eq(extractionClaims.claimedBy, input.workerId),
        ),
      );
  });
}
