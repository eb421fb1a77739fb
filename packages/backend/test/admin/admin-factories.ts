/** Factories for the admin tests: error-log entries, workers, result links and extraction results. */
import { randomBytes } from "node:crypto";
import { errorEnvelopeSchema } from "@splitstream/shared";
import { expect } from "vitest";
import { createApp } from "../../src/app.ts";
import type { Database, DbOrTx } from "../../src/db/database.ts";
import { errorLogs, extractionResults, resultLinks, workers } from "../../src/db/schema/index.ts";
import { BatchEventBus } from "../../src/events/batch-event-bus.ts";
import { StreamAdmission } from "../../src/events/stream-admission.ts";
import { createLogger } from "../../src/logger.ts";
import { testConfig } from "../support/test-app.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
export const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

export async function makeErrorLog(db: DbOrTx, overrides: Partial<typeof errorLogs.$inferInsert> = {}) {
  const [row] = await db
    .insert(errorLogs)
    .values({ errorCode: "CORRUPT_PDF", message: "The file is damaged.", ...overrides })
    .returning();
  return row!;
}

export async function makeWorker(db: DbOrTx, overrides: Partial<typeof workers.$inferInsert> = {}) {
  const [row] = await db
    .insert(workers)
    .values({
      id: `worker-${randomBytes(4).toString("hex")}`,
      hostname: "pool-host",
      pid: 4242,
      concurrency: 2,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeResultLink(
  db: DbOrTx,
  batchId: string,
  overrides: Partial<typeof resultLinks.$inferInsert> = {},
) {
  const [row] = await db
    .insert(resultLinks)
    .values({ code: randomBytes(9).toString("base64url"), batchId, ...overrides })
    .returning();
  return row!;
}

export async function makeExtractionResult(
  db: DbOrTx,
  sha256: string,
  overrides: Partial<typeof extractionResults.$inferInsert> = {},
) {
  const [row] = await db
    .insert(extractionResults)
    .values({
      sha256,
      extractorVersion: "x1",
      output: { meet: { name: "Invented Spring Open" }, swims: [], warnings: [] } as never,
      swimCount: 0,
      durationMs: 100,
      ...overrides,
    })
    .returning();
  return row!;
}

/** The real app with a clock the test moves and, if asked, no ADMIN_TOKEN at all (createTestApp always sets one). */
export function createAdminApp(
  database: Database,
  options: { now?: () => Date; adminToken?: string | null } = {},
) {
  const config = testConfig();
  const adminToken = options.adminToken === undefined ? ADMIN_TOKEN : options.adminToken;
  const logger = createLogger("silent");
  return createApp({
    database,
    config: { ...config, ADMIN_TOKEN: adminToken ?? undefined },
    logger,
    clock: options.now ?? (() => new Date()),
    version: "test",
    eventBus: new BatchEventBus({ database, logger }),
    streamAdmission: new StreamAdmission({
      maxPerIp: config.SSE_MAX_STREAMS_PER_IP,
      maxTotal: config.SSE_MAX_STREAMS,
    }),
  });
}

export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = errorEnvelopeSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

export function loginRequest(
  token: string = ADMIN_TOKEN,
  url = "/api/v1/admin/login",
): [string, RequestInit] {
  return [
    url,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) },
  ];
}
