/** This instance's background work besides jobs: done e-mails and the expiry clean-up, on timers. */

import { deleteExpired } from "../batches/delete-expired.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import type { DoneEmailSender } from "../notifications/send-done-email.ts";

const EMAIL_SWEEP_MS = 5_000;
const CLEANUP_MS = 60 * 60 * 1000;

export function startBackgroundTasks({
  database,
  logger,
  emails,
}: {
  database: Database;
  logger: Logger;
  emails: DoneEmailSender;
}) {
  const sweepEmails = () =>
    void emails.sweep().catch((error) => logger.warn({ err: error }, "e-mail sweep failed"));
  const cleanUp = () =>
    void deleteExpired(database, new Date())
      .then((deleted) => {
        if (deleted.batches + deleted.pdfs > 0)
          logger.info(deleted, "deleted expired batches and unused PDFs");
      })
      .catch((error) => logger.warn({ err: error }, "clean-up failed"));
  const timers = [setInterval(sweepEmails, EMAIL_SWEEP_MS), setInterval(cleanUp, CLEANUP_MS)];
  for (const timer of timers) timer.unref();
  return {
    /** Send at once when a batch may just have finished. */
    sweepEmails,
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
