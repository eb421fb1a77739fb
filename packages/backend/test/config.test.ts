import { expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

it("fills defaults from an empty environment", () => {
  const config = parseConfig({});
  expect(config).toMatchObject({
    PORT: 3000,
    DATA_DIR: "./data",
    MAX_FILE_MB: 50 * 1024 * 1024,
    ALLOW_PRIVATE_URLS: false,
  });
  expect(config.DATABASE_URL).toBeUndefined();
});

it("names every bad variable", () => {
  expect(() => parseConfig({ PORT: "abc", DATABASE_URL: "mysql://x", ADMIN_TOKEN: "short" })).toThrow(
    ConfigError,
  );
  try {
    parseConfig({ PORT: "abc", DATABASE_URL: "mysql://x", ADMIN_TOKEN: "short" });
  } catch (error) {
    expect((error as Error).message).toMatch(/PORT/);
    expect((error as Error).message).toMatch(/DATABASE_URL/);
    expect((error as Error).message).toMatch(/ADMIN_TOKEN/);
  }
});
