/**
 * Sends the "your results are ready" e-mail for finished batches, once (batches/done-notices.ts claims
 * it); a failed send gives the claim back so a later sweep tries again.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { claimNotice, dueNotices, giveBackNotice } from "../batches/done-notices.ts";
import { createResultLink } from "../batches/result-links.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";

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
      let sent = 0;
      for (const id of await dueNotices(database, 50)) {
        const claimed = await claimNotice(database, id, new Date());
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
          await giveBackNotice(database, id);
        }
      }
      return sent;
    },
  };
}
