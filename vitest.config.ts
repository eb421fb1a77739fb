import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "packages/web/src/**/*.test.tsx",
    ],
    globalSetup: ["packages/backend/test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more forks only add contention (PDF parsing and databases are CPU-bound).
    maxWorkers: 2,
  },
});
