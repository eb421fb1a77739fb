/**
 * Vitest global setup: migrates a PGlite template once (test files start from a copy of it), and, when a
 * PostgreSQL server answers at TEST_DATABASE_URL, a template database there. Without a server the
 * PostgreSQL half is skipped loudly, unless REQUIRE_PG=1, where that is a failure.
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/database.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: { adminUrl: string; templateName: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const pgliteTemplatePath = join(tmpdir(), `splitstream-pglite-template-${process.pid}.tar`);
  const pglite = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(pglite);
  const dump = await pglite.dumpDataDir?.();
  if (!dump) throw new Error("the PGlite driver cannot dump its data directory");
  await writeFile(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplatePath", pgliteTemplatePath);

  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const templateName = `splitstream_template_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const why = `no PostgreSQL server answers at ${redact(adminUrl)} (${(error as Error).message})`;
    if (process.env.REQUIRE_PG === "1") throw new Error(`REQUIRE_PG=1 but ${why}`);
    console.warn(
      `\n${"!".repeat(80)}\n!! SKIPPING every PostgreSQL test: ${why}.\n!! Only the PGlite half ran. Set TEST_DATABASE_URL or start PostgreSQL.\n${"!".repeat(80)}\n`,
    );
    project.provide("postgresTemplate", null);
    return async () => {};
  }
  await admin.unsafe(`drop database if exists ${templateName} with (force)`);
  await admin.unsafe(`create database ${templateName}`);
  const template = await openDatabase({
    databaseUrl: withDatabase(adminUrl, templateName),
    dataDir: "unused",
    maxConnections: 1,
  });
  await migrateDatabase(template);
  await template.close();
  project.provide("postgresTemplate", { adminUrl, templateName });

  return async () => {
    await admin.unsafe(`drop database if exists ${templateName} with (force)`);
    await admin.end({ timeout: 5 });
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
