/**
 * Guards the cache key: the code that produces extraction output may not change while EXTRACTOR_VERSION
 * stays the same, or every cached result of the old code would go on being served as current.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { EXTRACTOR_VERSION } from "./version.ts";

const SRC = import.meta.dirname;
/** What shapes the cached output; matching runs per request on the cached meet, so it is not here. */
const OUTPUT_CODE = [
  "classify",
  "course",
  "parsers",
  "pdf",
  "errors.ts",
  "extract-meet.ts",
  "finish-swims.ts",
];
const LOCK_FILE = join(SRC, "../version-lock.json");

function sourceHash(): string {
  const hash = createHash("sha256");
  const files = OUTPUT_CODE.flatMap((entry) =>
    entry.endsWith(".ts")
      ? [join(SRC, entry)]
      : readdirSync(join(SRC, entry), { recursive: true, encoding: "utf8" }).map((f) => join(SRC, entry, f)),
  )
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.includes("test-fixture"))
    .sort();
  for (const file of files) hash.update(`${relative(SRC, file)}\n${readFileSync(file, "utf8")}\n`);
  return hash.digest("hex");
}

it("changes EXTRACTOR_VERSION whenever the code that shapes the output changes", () => {
  const lock = JSON.parse(readFileSync(LOCK_FILE, "utf8")) as { version: string; sourceHash: string };
  const hash = sourceHash();
  const advice =
    `The extractor's code changed since version ${lock.version}: bump EXTRACTOR_VERSION in ` +
    `src/version.ts, then write {"version": "<new>", "sourceHash": "${hash}"} to version-lock.json. ` +
    `Only when no output can change (a comment, a progress hook), keep the version and write the new hash alone.`;
  expect(lock.sourceHash, advice).toBe(hash);
  expect(lock.version, "version-lock.json names another version than src/version.ts").toBe(EXTRACTOR_VERSION);
});
