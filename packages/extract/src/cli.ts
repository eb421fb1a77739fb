/** Command line: `bun run extract <file.pdf> [--swimmer "Name"] [--json]` prints a meet's (or one swimmer's) swims. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type ExtractionOutput, formatSwimTime, type Swim } from "@splitstream/shared";
import { ExtractionError } from "./errors.ts";
import { extractMeet } from "./extract-meet.ts";
import { type MatchedSwim, matchSwimmer } from "./matching/swimmer-match.ts";
import { EXTRACTOR_VERSION } from "./version.ts";

const USAGE = `usage: extract <file.pdf> [--swimmer "Last, First"] [--json]

  --swimmer NAME  keep only this swimmer's swims and relay legs ("Last, First", "First Last", "LAST First")
  --json          print the extraction output object instead of a table

exit codes: 0 ok, 2 bad arguments, 3 unreadable, not results or unsupported (code and message on stderr)`;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseCli(argv: string[]): { file: string; swimmer: string | undefined; json: boolean } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  const OPTIONS = {
    swimmer: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    fail(2, `${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [file, ...rest] = parsed.positionals;
  if (!file) fail(2, `missing the PDF file\n${USAGE}`);
  if (rest.length > 0) fail(2, `one file at a time (got ${parsed.positionals.length})\n${USAGE}`);
  const swimmer = parsed.values.swimmer;
  if (swimmer !== undefined && swimmer.trim() === "") fail(2, `--swimmer needs a name\n${USAGE}`);
  return { file, swimmer, json: parsed.values.json ?? false };
}

function eventLabel(swim: Swim): string {
  const e = swim.event;
  const stroke = e.relay ? e.stroke.replace("_relay", " relay") : e.stroke;
  const parts = [
    e.number ? `#${e.number}` : "",
    e.gender ?? "",
    `${e.distance} ${stroke}`,
    e.course ?? "",
    e.ageGroup ?? "",
  ];
  return parts.filter(Boolean).join(" ");
}

function splitsLabel(swim: Swim): string {
  return swim.splits.map((s) => `${s.distance} ${formatSwimTime(s.timeMs)}`).join(" ");
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function printTable(output: ExtractionOutput, matched: MatchedSwim[] | null): void {
  const m = output.meet;
  const dates = [m.startDate, m.endDate].filter(Boolean).join(" – ");
  process.stdout.write(
    `${m.name ?? "(meet name not found)"}${dates ? `  ${dates}` : ""}${m.venue ? `  ${m.venue}` : ""}  course ${m.course ?? "?"}  software ${m.software ?? "?"}\n`,
  );
  const entries: MatchedSwim[] = matched ?? output.swims.map((swim) => ({ swim, how: "exact" as const }));
  const header = ["Event", "Round", "Pl", "Name", "Team", "Time", "Status", "Splits"];
  if (matched) header.push("Match");
  const rows = [header];
  for (const { swim, how, legOrder } of entries) {
    const row = [
      eventLabel(swim),
      swim.round,
      swim.place?.toString() ?? "",
      legOrder ? `${swim.name} (leg ${legOrder})` : swim.name,
      swim.team ?? "",
      swim.time ?? "",
      swim.status === "OK" ? "" : `${swim.status}${swim.dqReason ? ` ${swim.dqReason}` : ""}`,
      splitsLabel(swim),
    ];
    if (matched) row.push(how);
    rows.push(row);
  }
  process.stdout.write(`${table(rows)}\n${entries.length} swim(s)\n`);
  for (const warning of output.warnings) process.stdout.write(`warning: ${warning}\n`);
}

async function main(): Promise<void> {
  const { file, swimmer, json } = parseCli(process.argv.slice(2));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    fail(
      3,
      `UNREADABLE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let output: ExtractionOutput;
  try {
    output = await extractMeet(bytes);
  } catch (error) {
    if (error instanceof ExtractionError) fail(3, `${error.code}: ${error.message}`);
    throw error;
  }
  if (swimmer === undefined) {
    if (json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    else printTable(output, null);
    return;
  }
  const match = matchSwimmer(output.swims, swimmer);
  if (json) {
    const filtered = {
      ...output,
      swims: match.swims.map((m) => m.swim),
      swimmer: {
        query: swimmer,
        ambiguous: match.ambiguous,
        candidates: match.candidates,
        matches: match.swims.map((m) => ({ how: m.how, legOrder: m.legOrder ?? null })),
      },
      extractorVersion: EXTRACTOR_VERSION,
    };
    process.stdout.write(`${JSON.stringify(filtered, null, 2)}\n`);
    return;
  }
  if (match.ambiguous) {
    process.stdout.write(
      `"${swimmer}" fits more than one swimmer; give the full name as printed:\n${match.candidates.map((c) => `  ${c}`).join("\n")}\n`,
    );
    return;
  }
  if (match.swims.length === 0) {
    process.stdout.write(`No swims for "${swimmer}" in this meet (${output.swims.length} swims read).\n`);
    return;
  }
  printTable(output, match.swims);
}

main().catch((error: unknown) => {
  fail(3, `INTERNAL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
