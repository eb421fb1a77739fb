import { defineConfig } from "drizzle-kit";

// Run drizzle-kit from packages/backend: paths resolve from the current directory.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "../../drizzle",
  strict: true,
  verbose: true,
});
