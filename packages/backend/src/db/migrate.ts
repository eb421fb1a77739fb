/** Applies the committed drizzle migrations (top-level drizzle/) and reports which are applied. */
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./database.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../../drizzle", import.meta.url));

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (database.driver === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, config);
  } else {
    await migratePostgres(database.db as unknown as PostgresJsDatabase, config);
  }
}

export interface MigrationStatus {
  applied: number;
  /** The newest applied migration's hash, or null when none is. */
  latest: string | null;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const rows = await database.rows<{ applied: number; latest: string | null }>(sql`
    select count(*)::int as applied, (array_agg(hash order by created_at desc))[1] as latest
    from drizzle.__drizzle_migrations`);
  return { applied: rows[0]?.applied ?? 0, latest: rows[0]?.latest ?? null };
}
