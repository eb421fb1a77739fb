/**
 * Keeps a running job's measured work on its row (bytes downloaded, pages read), so the ETA can be worked
 * out from what is really happening: at most one write per interval, in order, and never blocking the job.
 */
import { and, eq, isNull, ne, or } from "drizzle-orm";
import { type LiveWork, recordJobWork } from "../batches/job-measurements.ts";
import type { JobOwner } from "../batches/write-transition.ts";
import type { Database } from "../db/database.ts";
import { pdfFiles } from "../db/schema/index.ts";

const WRITE_INTERVAL_MS = 500;

export class WorkMeter {
  private pending: LiveWork | undefined;
  private lastWriteAt = 0;
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly owner: JobOwner,
    private readonly intervalMs = WRITE_INTERVAL_MS,
  ) {}

  /** Notes the latest figures; they reach the row now if the last write is old enough, else a little later. */
  set(work: LiveWork): void {
    this.pending = { ...this.pending, ...work };
    const wait = this.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) this.write();
    else this.timer ??= setTimeout(() => this.write(), wait).unref();
  }

  /**
   * The PDF's page count as the parser found it: it belongs to the bytes, so every later job of the same
   * PDF knows it. It stands over the estimate made when the file was stored (count-pdf-pages.ts).
   */
  recordPageCount(sha256: string, pageCount: number): void {
    this.writes = this.writes.then(() =>
      this.database.db
        .update(pdfFiles)
        .set({ pageCount })
        .where(
          and(eq(pdfFiles.sha256, sha256), or(isNull(pdfFiles.pageCount), ne(pdfFiles.pageCount, pageCount))),
        )
        .then(
          () => {},
          () => {},
        ),
    );
  }

  /** Writes what is still pending and waits for every write so far. */
  async flush(): Promise<void> {
    if (this.pending) this.write();
    await this.writes;
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const work = this.pending;
    if (!work) return;
    this.pending = undefined;
    this.lastWriteAt = Date.now();
    this.writes = this.writes.then(() => recordJobWork(this.database, this.owner, work).catch(() => {}));
  }
}
