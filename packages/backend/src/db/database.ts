/**
 * The one database layer: PGlite (embedded, the default) or a PostgreSQL server through postgres.js.
 * Everything else sees only `Database`; this module is the only one that knows which driver it has.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; inside `db.transaction` use only this (on PGlite a stray `db` call waits forever). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type DriverName = "pglite" | "postgres";

export interface Database {
  db: Db;
  driver: DriverName;
  /** Runs raw SQL and returns its rows, whichever driver answers. */
  rows<T extends Record<string, unknown>>(query: SQL, on?: DbOrTx): Promise<T[]>;
  /**
   * Subscribes to a NOTIFY channel. `onReconnect` runs after a dropped listening connection is back,
   * so the caller can re-read what it may have missed. Returns an unsubscribe function.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tar, to start other databases from (the tests' template). */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; "memory://" for an in-memory database. */
  dataDir: string;
  /** A PGlite data directory dump (tar) to start from: the tests' migrated template. */
  loadDataDir?: Blob | undefined;
  maxConnections?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.maxConnections ?? 10)
    : openPglite(options);
}

async function rowsOf<T>(on: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await on.execute(query)) as unknown;
  // postgres.js returns the row array itself; PGlite returns { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith("memory://");
  if (!inMemory) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: inMemory ? undefined : options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    rows: (query, on = db) => rowsOf(on, query),
    async listen(channel, onMessage) {
      // One process: PGlite's connection cannot drop, so there is never a reconnect to report.
      const unlisten = await client.listen(channel, onMessage);
      return async () => {
        await unlisten();
      };
    },
    async close() {
      if (!client.closed) await client.close();
    },
    dumpDataDir: () => client.dumpDataDir("none"),
  };
}

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  const client = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    connection: { application_name: "splitstream" },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    rows: (query, on = db) => rowsOf(on, query),
    async listen(channel, onMessage, onReconnect) {
      let connectedBefore = false;
      // postgres.js re-establishes a dropped LISTEN connection by itself and calls onlisten each time.
      const { unlisten } = await client.listen(channel, onMessage, () => {
        if (connectedBefore) onReconnect?.();
        connectedBefore = true;
      });
      return unlisten;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
