import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, expect, it } from "vitest";
import { processingBatches } from "../../src/db/schema/index.ts";
import { createLogger } from "../../src/logger.ts";
import { createDoneEmailSender } from "../../src/notifications/send-done-email.ts";
import { makeBatch } from "../support/factories.ts";
import { testConfig } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

interface Received {
  to: string[];
  body: string;
}

/** A local SMTP server started by the test, standing in for the real mail relay. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      stream.on("end", () => {
        // Undo quoted-printable soft line breaks so the text can be matched as written.
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          body: body.replace(/=\r?\n/g, ""),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describeEachDriver("the done e-mail", ({ database }) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeEach(async () => {
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await smtp.close();
  });

  it("is sent exactly once with the result link, however many instances sweep at once", async () => {
    const { db } = database();
    const finished = await makeBatch(db, {
      swimmerName: "Quinn Avery",
      notificationEmail: "parent@example.test",
      status: "completed",
      totalJobs: 0,
      completedAt: new Date(),
    });
    await makeBatch(db, { notificationEmail: "other@example.test", status: "processing", totalJobs: 1 });
    const config = testConfig({ SMTP_URL: smtp.url, PUBLIC_URL: "https://splitstream.example.test" });
    const instances = Array.from({ length: 4 }, () =>
      createDoneEmailSender({ database: database(), config, logger: createLogger("silent") }),
    );

    const sent = await Promise.all(instances.map((instance) => instance.sweep()));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(["parent@example.test"]);
    expect(smtp.received[0]?.body).toMatch(/https:\/\/splitstream\.example\.test\/r\/[A-Za-z0-9_-]{12}/);
    const [row] = await db.select().from(processingBatches).where(eq(processingBatches.id, finished.id));
    expect(row?.notificationSentAt).toBeInstanceOf(Date);

    // A later sweep has nothing left to send.
    expect(await instances[0]!.sweep()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("gives the claim back when the mail server cannot be reached, so a later sweep sends it", async () => {
    const { db } = database();
    const batch = await makeBatch(db, {
      notificationEmail: "parent@example.test",
      status: "failed",
      totalJobs: 0,
      completedAt: new Date(),
    });
    await smtp.close();
    const broken = createDoneEmailSender({
      database: database(),
      config: testConfig({ SMTP_URL: smtp.url }),
      logger: createLogger("silent"),
    });
    expect(await broken.sweep()).toBe(0);
    const [row] = await db.select().from(processingBatches).where(eq(processingBatches.id, batch.id));
    expect(row?.notificationSentAt).toBeNull();
    smtp = await startSmtp();
    const working = createDoneEmailSender({
      database: database(),
      config: testConfig({ SMTP_URL: smtp.url }),
      logger: createLogger("silent"),
    });
    expect(await working.sweep()).toBe(1);
  });
});
