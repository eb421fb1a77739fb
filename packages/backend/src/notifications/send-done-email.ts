/**
 * Sends the "your results are ready" e-mail for finished batches, once: an instance first claims the
 * batch by setting notification_sent_at (only one UPDATE can win), then sends; a failed send gives the
 * claim back so a later sweep tries again.
 */
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { processingBatches } from "../db/schema/index.ts";
import type { Logger } from "../logger.ts";
import { createResultLink } from "../services/result-links.ts";

export interface DoneEmailSender {
  /** Sends the notice for every finished batch that asked for one and has not had it. */
  sweep(): Promise<number>;
}

export function createDoneEmailSender({
  database,
  config,
  logger,
}: {
  database: Database;
  config: Config;
  logger: Logger;
}): DoneEmailSender {
  const transport: Transporter | null = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  return {
    async sweep() {
      if (!transport) return 0;
      const due = await database.db
        .select({ id: processingBatches.id })
        .from(processingBatches)
        .where(
          and(
            isNotNull(processingBatches.notificationEmail),
            isNull(processingBatches.notificationSentAt),
            inArray(processingBatches.status, ["completed", "partial", "failed", "cancelled"]),
          ),
        )
        .limit(50);
      let sent = 0;
      for (const { id } of due) {
        const [claimed] = await database.db
          .update(processingBatches)
          .set({ notificationSentAt: new Date() })
          .where(and(eq(processingBatches.id, id), isNull(processingBatches.notificationSentAt)))
          .returning();
        if (!claimed?.notificationEmail) continue;
        try {
          const code = await createResultLink(database.db, id);
          const link = `${(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "")}/r/${code}`;
          await transport.sendMail({
            from: config.SMTP_FROM,
            to: claimed.notificationEmail,
            subject: `Results for ${claimed.swimmerName} are ready`,
            text: `Splitstream has finished reading the files you sent for ${claimed.swimmerName} (${claimed.status}).\n\nSee the swims and personal bests: ${link}\n`,
          });
          sent++;
        } catch (error) {
          logger.warn({ err: error, batchId: id }, "sending the done e-mail failed; will try again");
          await database.db
            .update(processingBatches)
            .set({ notificationSentAt: null })
            .where(eq(processingBatches.id, id));
        }
      }
      return sent;
    },
  };
}

/** Batches that finished long ago without a notice are not worth mailing any more. */
export async function giveUpOldNotices(database: Database, olderThanDays: number): Promise<void> {
  await database.db
    .update(processingBatches)
    .set({ notificationSentAt: sql`now()` })
    .where(
      and(
        isNull(processingBatches.notificationSentAt),
        isNotNull(processingBatches.notificationEmail),
        lt(processingBatches.completedAt, sql`now() - make_interval(days => ${olderThanDays})`),
      ),
    );
}
