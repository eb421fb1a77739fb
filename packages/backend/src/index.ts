export type { AppType } from "./app.ts";
export { createApp } from "./app.ts";
export { parseConfig } from "./config.ts";
export { openDatabase } from "./db/database.ts";
export { migrateDatabase } from "./db/migrate.ts";
