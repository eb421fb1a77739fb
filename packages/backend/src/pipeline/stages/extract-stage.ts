/**
 * Stages `extracting` and `caching`: reuse the cached parse of these bytes when there is one (the job is
 * then `cached`, and still announces both stages), else parse the whole meet once in a parser thread and
 * store it, telling people each page the parser reads ("Reading page 12 of 40") and keeping the pages
 * read and the parse time on the job for the ETA. Then pick the swimmer's swims out of the meet.
 */
import { EXTRACTOR_VERSION } from "@splitstream/extract";
import type { ExtractionOutput } from "@splitstream/shared";
import type { CompletedJob, PassedStage } from "../../batches/job-transitions.ts";
import { enterStage } from "../../batches/owned-job.ts";
import type { ExtractionResultRow } from "../../db/schema/index.ts";
import { storedSelection } from "../../results/stored-selection.ts";
import { readPdf } from "../../storage/pdf-store.ts";
import {
  claimExtraction,
  DETERMINISTIC_ERRORS,
  type ExtractionOutcome,
  releaseExtractionClaim,
  storeExtraction,
  takeCachedExtraction,
} from "../extraction-cache.ts";
import { JobCancelledError, JobError } from "../job-error.ts";
import type { StageContext } from "../stage-context.ts";
import { WorkMeter } from "../work-meter.ts";

export interface SwimmerSelection {
  cached: boolean;
  select: CompletedJob["select"];
  /** Stages the job passed without work: a cache hit still announces extracting and caching. */
  passedStages?: readonly PassedStage[];
}

/** What a cache hit announces, in the transition that settles the job (no write of its own). */
export const CACHE_HIT_STAGES: readonly PassedStage[] = [
  { stage: "extracting", message: "Parsed before: using the cached result" },
  { stage: "caching", message: "Cached result found" },
];

const WAIT_FOR_OTHER_PARSER_MS = 250;
const WAITING_MESSAGE = "Another upload of this PDF is being read: waiting for it";

export async function extractStage(ctx: StageContext, sha256: string): Promise<SwimmerSelection> {
  const version = EXTRACTOR_VERSION;
  // The claim follows the job's lease; this bounds it only for a live worker whose parse hangs.
  const claimLimitMs = ctx.config.EXTRACTION_TIMEOUT_MS + 30_000;
  // An earlier attempt of this job (on an instance that died) may have said it already.
  let toldWaiting = ctx.job.progressMessage === WAITING_MESSAGE;
  for (;;) {
    if (ctx.signal.aborted) throw new JobCancelledError();
    const hit = await takeCachedExtraction(ctx.database, { sha256, version, at: ctx.clock() });
    if (hit) return fromCache(hit);
    if (await claimExtraction(ctx.database, { sha256, version, owner: ctx.owner, limitMs: claimLimitMs })) {
      // The last holder may have stored its parse between our look and our claim: look once more.
      const late = await takeCachedExtraction(ctx.database, { sha256, version, at: ctx.clock() });
      if (!late) break;
      await releaseExtractionClaim(ctx.database, sha256, version, ctx.owner.workerId);
      return fromCache(late);
    }
    // Another job is parsing these very bytes right now: wait for its result rather than parse twice.
    // Said once: the watchers need to hear it, not to hear it four times a second.
    if (!toldWaiting) await ctx.progress(WAITING_MESSAGE, null);
    toldWaiting = true;
    await sleep(WAIT_FOR_OTHER_PARSER_MS, ctx.signal);
  }

  try {
    await enterStage(ctx, ctx.owner, "extracting", "Reading the PDF", {
      parseStartedAt: ctx.clock(),
      pagesRead: null,
      parseMs: null,
    });
    const bytes = await readPdf(ctx.database.db, sha256);
    if (!bytes) throw new JobError("INTERNAL", "The stored PDF is missing.");
    const meter = new WorkMeter(ctx.database, ctx.owner);
    let pagesRead: number | null = null;
    let reported: Promise<void> = Promise.resolve();
    const onPagesRead = (read: number, pageCount: number) => {
      pagesRead = read;
      if (read === 0) {
        meter.recordPageCount(sha256, pageCount);
        // The pace of reading pages starts here: opening a PDF costs the same for 1 page or 200.
        meter.set({ pagesRead: 0, parseStartedAt: ctx.clock() });
      } else {
        meter.set({ pagesRead: read });
      }
      reported = ctx.progress(pageMessage(read, pageCount), pageCount > 0 ? read / pageCount : null);
    };
    const started = performance.now();
    let outcome: ExtractionOutcome;
    try {
      const output = await ctx.parser.parse(bytes, ctx.signal, onPagesRead);
      outcome = { ok: true, output, durationMs: performance.now() - started };
    } catch (error) {
      if (error instanceof JobError && DETERMINISTIC_ERRORS.has(error.code)) {
        outcome = {
          ok: false,
          code: error.code,
          message: error.message,
          durationMs: performance.now() - started,
        };
      } else {
        throw error;
      }
    } finally {
      // The last page's event and row write land before the next stage's, never after it.
      await meter.flush();
      await reported;
    }
    await enterStage(
      ctx,
      ctx.owner,
      "caching",
      outcome.ok ? `Found ${outcome.output.swims.length} swims; saving` : "Saving",
      { parseMs: Math.round(outcome.durationMs), pagesRead },
    );
    await storeExtraction(ctx.database, { sha256, version, workerId: ctx.owner.workerId, outcome });
    if (!outcome.ok) throw new JobError(outcome.code, outcome.message, { retryable: false });
    return selectionOf(outcome.output, false);
  } catch (error) {
    await releaseExtractionClaim(ctx.database, sha256, version, ctx.owner.workerId).catch(() => {});
    throw error;
  }
}

/** A cache hit: no stage of its own is written; the settling transition announces them (CACHE_HIT_STAGES). */
function fromCache(hit: ExtractionResultRow): SwimmerSelection {
  if (!hit.output) {
    throw new JobError(hit.errorCode ?? "INTERNAL", hit.errorMessage ?? "The PDF could not be read.", {
      retryable: false,
      fromCache: true,
    });
  }
  return { ...selectionOf(hit.output, true), passedStages: CACHE_HIT_STAGES };
}

/** The selection is made when the job settles, for the name on the batch row then (see CompletedJob). */
function selectionOf(output: ExtractionOutput, cached: boolean): SwimmerSelection {
  return {
    cached,
    select: ({ swimmerName, swimmerChoice }) => {
      const swimmerResult = storedSelection(output, swimmerName, swimmerChoice);
      return { swimCount: swimmerResult.swims.length, swimmerResult };
    },
  };
}

function pageMessage(read: number, pageCount: number): string {
  if (read === 0) return `Reading the PDF (${pageCount} ${pageCount === 1 ? "page" : "pages"})`;
  return `Reading page ${read} of ${pageCount}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
