/**
 * Gives each test file its own migrated database on each driver and runs a suite on both:
 * PGlite from the migrated template dump, PostgreSQL as a copy of the template database.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";
import { type Database, type DriverName, openDatabase } from "../../src/db/database.ts";
import { withDatabase } from "./global-setup.ts";

export interface TestDatabase {
  database: Database;
  /** The connection URL, for tests that start another process on the same database (PostgreSQL only). */
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === "pglite") {
    const template = new Blob([await readFile(inject("pgliteTemplatePath"))]);
    const database = await openDatabase({ dataDir: "memory://", loadDataDir: template });
    return { database, url: null, drop: () => database.close() };
  }
  const template = inject("postgresTemplate");
  if (!template) throw new Error("PostgreSQL is not available for tests");
  const name = `splitstream_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(template.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template.templateName}`);
  const url = withDatabase(template.adminUrl, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: "unused" });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export const TEST_DRIVERS: readonly DriverName[] = ["pglite", "postgres"];

export function postgresAvailable(): boolean {
  return inject("postgresTemplate") !== null;
}

export interface DriverSuite {
  driver: DriverName;
  /** This file's database on this driver (ready inside tests and hooks). */
  database(): Database;
  url(): string | null;
}

/** Runs the same suite on PGlite and on PostgreSQL, with every table emptied before each test. */
export function describeEachDriver(title: string, suite: (ctx: DriverSuite) => void): void {
  for (const driver of TEST_DRIVERS) {
    describe.skipIf(driver === "postgres" && !postgresAvailable())(`${title} [${driver}]`, () => {
      let testDatabase: TestDatabase | undefined;
      beforeAll(async () => {
        testDatabase = await createTestDatabase(driver);
      });
      afterAll(async () => {
        await testDatabase?.drop();
      });
      beforeEach(async () => {
        if (testDatabase) await emptyAllTables(testDatabase.database);
      });
      suite({
        driver,
        database: () => {
          if (!testDatabase) throw new Error("the test database is not open yet");
          return testDatabase.database;
        },
        url: () => testDatabase?.url ?? null,
      });
    });
  }
}

export async function emptyAllTables(database: Database): Promise<void> {
  await database.db.execute(sql`
    truncate processing_batches, batch_jobs, batch_events, pdf_files, pdf_file_chunks, extraction_results, extraction_claims, result_links,
      workers, worker_logs, error_logs, error_resolutions restart identity cascade`);
}
