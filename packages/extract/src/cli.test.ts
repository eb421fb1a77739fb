import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatParsers } from "./parsers/registry.ts";
import { makePdfFromText } from "./test-support/make-pdf.ts";

const REPO = resolve(import.meta.dirname, "../../..");
const CLI = resolve(import.meta.dirname, "cli.ts");
const dir = mkdtempSync(join(tmpdir(), "extract-cli-"));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function fixture(name: string, rows: string[][], producer?: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await makePdfFromText(rows, producer ? { producer } : {}));
  return file;
}

// An invented Hy-Tek Meet Manager results page: names, club and times are made up.
const HYTEK_ROWS = [
  "Invented Aquatics - Site License                    HY-TEK's MEET MANAGER 7.0 - 6:12 PM 3/4/2031 Page 1",
  "                         Invented Spring Invitational - 3/1/2031 to 3/2/2031",
  "                                         Results",
  "Event 1  Girls 11-12 100 Yard Freestyle",
  "    Name                       Age Team                     Seed Time    Finals Time",
  "  1 Quillfeather, Ada           12 Otter Swim Club-CA         1:05.10       1:04.22",
  "  2 Brindleton, Zoe             11 Heron Aquatics-CA          1:06.00       1:05.87",
];

describe("extract CLI", () => {
  it("exits 2 with usage on bad arguments", () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage: extract/);
    expect(run("a.pdf", "--bogus").status).toBe(2);
  }, 180_000);

  it("prints help and exits 0", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--swimmer/);
  }, 180_000);

  it("exits 3 with the error code on stderr for a missing file, a non-PDF and a non-results PDF", async () => {
    const missing = run(join(dir, "nope.pdf"));
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/^UNREADABLE: /);

    const entries = await fixture("entries.pdf", [
      ["Invented Cup 2031", "Meldeergebnis", "Veranstalter: Invented SV"],
    ]);
    const notResults = run(entries);
    expect(notResults.status).toBe(3);
    expect(notResults.stderr).toMatch(/^NOT_RESULTS: .*entry list/);

    const odd = await fixture("odd.pdf", [["Mystery Timing Co.   Results", "Race 1"]], "Mystery 2.0");
    const unsupported = run(odd);
    expect(unsupported.status).toBe(3);
    expect(unsupported.stderr).toMatch(/^UNSUPPORTED_FORMAT: .*Mystery 2\.0/);
  }, 240_000);

  it.runIf(formatParsers.some((parser) => parser.id === "hytek"))(
    "prints a table, the JSON output, and one swimmer's swims",
    async () => {
      const file = await fixture("hytek.pdf", [HYTEK_ROWS]);
      const jsonRun = run(file, "--json");
      expect(jsonRun.status).toBe(0);
      const output = JSON.parse(jsonRun.stdout);
      expect(output.swims.length).toBeGreaterThanOrEqual(2);
      const tableRun = run(file, "--swimmer", "ada quillfeather");
      expect(tableRun.status).toBe(0);
      expect(tableRun.stdout).toMatch(/Quillfeather, Ada .*1:04\.22/);
      const one = JSON.parse(run(file, "--json", "--swimmer", "ada quillfeather").stdout);
      expect(one.swims).toHaveLength(1);
      expect(one.swims[0].timeMs).toBe(64_220);
      expect(one.swimmer.ambiguous).toBe(false);
    },
    240_000,
  );
});
