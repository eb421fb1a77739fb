/**
 * The layers, by rule: who may import whom, and who may write the batch tables. Read from the source
 * files themselves, so a change that crosses a line fails here rather than in review.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const REPO = resolve(SRC, "../../..");

interface SourceFile {
  /** Path under src/, with forward slashes. */
  path: string;
  text: string;
  /** What its import and export-from statements name, resolved to paths under src/ where relative. */
  imports: string[];
}

function sourceFiles(): SourceFile[] {
  return readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => {
      const text = readFileSync(join(SRC, file), "utf8");
      const imports = [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map(([, spec]) =>
        spec!.startsWith(".")
          ? relative(SRC, resolve(SRC, dirname(file), spec!)).replaceAll("\\", "/")
          : spec!,
      );
      return { path: file.replaceAll("\\", "/"), text, imports };
    });
}

const files = sourceFiles();
const layer = (path: string) => path.split("/")[0]!;

/** [from layer, may not import layer] */
const FORBIDDEN: [string, string][] = [
  ["routes", "db"],
  ["services", "pipeline"],
  ["services", "http"],
  ["services", "routes"],
  ["pipeline", "services"],
  ["pipeline", "routes"],
  ["batches", "services"],
  ["batches", "pipeline"],
  ["batches", "http"],
  ["batches", "routes"],
  ["events", "services"],
  ["events", "routes"],
];

describe("layers", () => {
  it("reads the source tree (a rule that sees no files proves nothing)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.path.startsWith("batches/"))).toBe(true);
  });

  it.each(FORBIDDEN)("%s/ does not import %s/", (from, to) => {
    const crossings = files
      .filter((file) => layer(file.path) === from)
      .flatMap((file) =>
        file.imports.filter((target) => layer(target) === to).map((target) => `${file.path} → ${target}`),
      );
    expect(crossings).toEqual([]);
  });

  it("only batches/ writes processing_batches, batch_jobs and batch_events", () => {
    const writes =
      /\.(?:update|insert|delete)\(\s*(?:processingBatches|batchJobs|batchEvents)\b|\b(?:update|insert\s+into|delete\s+from)\s+(?:processing_batches|batch_jobs|batch_events)\b/i;
    const writers = files
      .filter((file) => writes.test(file.text))
      .map((file) => file.path)
      .filter((path) => !path.startsWith("batches/"));
    expect(writers).toEqual([]);
  });

  it("bench/ and e2e/ reach the packages through their exports, never into another package's src/ by path", () => {
    const reaching = ["bench", "e2e"].flatMap((top) =>
      readdirSync(join(REPO, top), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts") && !file.includes("node_modules"))
        .flatMap((file) => {
          const text = readFileSync(join(REPO, top, file), "utf8");
          return [...text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)"/gms)]
            .map(([, spec]) => relative(REPO, resolve(REPO, top, dirname(file), spec!)).replaceAll("\\", "/"))
            .filter((target) => target.startsWith("packages/"))
            .map((target) => `${top}/${file} → ${target}`);
        }),
    );
    expect(reaching).toEqual([]);
  });
});
