/**
 * `bun run accuracy [--corpus DIR] [--check] [--raise-floor]`: runs the extractor over the corpus and
 * reports precision and recall against every truth file, per file, per family and overall (swims,
 * places, splits, statuses, dates, relay legs), and checks that every time of every family is canonical.
 * `--check` fails when a figure is below the committed floor, when any output time is not canonical or
 * any output breaks the contract; `--raise-floor` lifts the floor to today's figures.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { extractionOutputSchema, type Swim, type SwimStatus } from "@splitstream/shared";
import { matchSwimmer } from "../matching/swimmer-match.ts";
import { formatParsers } from "../parsers/registry.ts";
import { nonCanonicalTimes } from "./canonical-times.ts";
import { CORPUS_DIR } from "./corpus-dir.ts";
import { roundClassOf } from "./event-text.ts";
import { extractAll, type PoolReply } from "./extract-pool.ts";
import { breaches, type Figures, raised, readFloor, writeFloor } from "./floor.ts";
import { type RelayScore, scoreRelays } from "./relay-score.ts";
import { addTally, emptyTally, precision, recall, type Score, scoreSwims, type Tally } from "./score.ts";
import { loadTruth } from "./truth.ts";

const FLOOR_FILE = resolve(import.meta.dirname, "../../accuracy-floor.json");

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    corpus: { type: "string", default: CORPUS_DIR },
    check: { type: "boolean", default: false },
    "raise-floor": { type: "boolean", default: false },
    floor: { type: "string", default: FLOOR_FILE },
    misses: { type: "string", default: "8" },
    concurrency: { type: "string", default: "2" },
    only: { type: "string" },
  },
});

const missLimit = Number(values.misses);
const corpus = resolve(values.corpus!);
if (!existsSync(join(corpus, "pdf")) || !existsSync(join(corpus, "truth"))) {
  console.error(`no corpus at ${corpus} (expected pdf/ and truth/ in it); pass --corpus DIR`);
  process.exit(2);
}

const pct = (x: number | null): string => (x === null ? "   -  " : `${(x * 100).toFixed(1).padStart(5)}%`);
/** Enough digits to see why a figure that prints as the floor is below it. */
const fine = (x: number): string => `${(x * 100).toFixed(3)}%`;
const pair = (t: Tally): string => `R ${pct(recall(t))} P ${pct(precision(t))} (${t.found}/${t.truth})`;

const truth = loadTruth(corpus);
const allPdfs = readdirSync(join(corpus, "pdf"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".pdf"))
  .map((f) => `pdf/${f}`)
  .filter((f) => !values.only || f.includes(values.only))
  .sort();

console.log(
  `corpus ${corpus}: ${allPdfs.length} PDFs; parsers registered: ${formatParsers.map((p) => p.id).join(", ") || "(none)"}`,
);
const started = performance.now();
const replies = await extractAll(
  allPdfs.map((f) => join(corpus, f)),
  // Validated below rather than in the worker, so that a broken output is reported, not lost as a failure.
  { concurrency: Number(values.concurrency), validate: false },
  (reply) => {
    const what = reply.ok ? `${reply.output.swims.length} swims` : reply.code;
    process.stderr.write(
      `  ${(reply.ms / 1000).toFixed(1).padStart(5)}s  ${reply.file.slice(corpus.length + 1)}: ${what}\n`,
    );
  },
);
const seconds = (performance.now() - started) / 1000;
const byPdf = new Map<string, PoolReply>(allPdfs.map((f, i) => [f, replies[i]!]));

console.log(`\nextracted ${allPdfs.length} PDFs in ${seconds.toFixed(1)} s\n`);
console.log("== outcome per PDF");
for (const f of allPdfs) {
  const r = byPdf.get(f)!;
  const outcome = r.ok
    ? `${r.output.swims.length} swims, ${r.output.warnings.length} warnings, course ${r.output.meet.course ?? "?"}`
    : `${r.code}${r.code === "UNSUPPORTED_FORMAT" ? " (no parser for this layout yet)" : ""}: ${r.message.slice(0, 110)}`;
  console.log(`  ${f.padEnd(60)} ${outcome}`);
}

const family = (pdf: string): string => pdf.split("/")[1] ?? "?";
interface Totals {
  swims: Tally;
  places: Tally;
  splits: Tally;
  statuses: Tally;
  dates: Tally;
  datesFromMeetStart: number;
  legNames: Tally;
  legTimes: Tally;
}
const newTotals = (): Totals => ({
  swims: emptyTally(),
  places: emptyTally(),
  splits: emptyTally(),
  statuses: emptyTally(),
  dates: emptyTally(),
  datesFromMeetStart: 0,
  legNames: emptyTally(),
  legTimes: emptyTally(),
});
const addTotals = (into: Totals, score: Score, relays: RelayScore): void => {
  addTally(into.swims, score.swims);
  addTally(into.places, score.places);
  addTally(into.splits, score.splits);
  addTally(into.statuses, score.statuses);
  addTally(into.dates, score.dates);
  into.datesFromMeetStart += score.datesFromMeetStart;
  addTally(into.legNames, relays.legNames);
  addTally(into.legTimes, relays.legTimes);
};
const families = new Map<string, Totals>();
const overall = newTotals();
let notResultsOk = 0;
let notResultsTotal = 0;

console.log(
  "\n== truth files (swims = (swimmer, event, round, time) of individual swims; P only for complete truths)",
);
for (const set of truth.sets) {
  const pdfs = set.pdfs.filter((p) => byPdf.has(p));
  if (pdfs.length === 0) continue;
  if (set.expectNotResults) {
    notResultsTotal++;
    const codes = pdfs.map((p) => byPdf.get(p)!).map((r) => (r.ok ? "results" : r.code));
    const ok = codes.every((c) => c === "NOT_RESULTS");
    if (ok) notResultsOk++;
    console.log(
      `\n${set.label} -> ${pdfs.join(", ")}: expects NOT_RESULTS, got ${codes.join(", ")} ${ok ? "OK" : "WRONG"}`,
    );
    continue;
  }
  const extracted: Swim[] = [];
  const failures: string[] = [];
  for (const p of pdfs) {
    const r = byPdf.get(p)!;
    if (r.ok) extracted.push(...r.output.swims);
    else failures.push(`${p.split("/").pop()}: ${r.code}`);
  }
  // SwimmeR keeps only rows with a time or DSQ/SCR/DNS, so it never lists withdrawn swimmers (Splash's
  // WDR), which the extractor reports as SCR: counting those against precision would score the truth.
  const unscored = new Set<SwimStatus>(set.grade === "independent" ? [] : ["SCR"]);
  const score = scoreSwims(set.swims, extracted, set.scope === "complete", set.eventFilter, unscored);
  const relays = scoreRelays(set.relays, extracted, set.eventFilter);
  addTotals(overall, score, relays);
  const fam = family(pdfs[0]!);
  if (!families.has(fam)) families.set(fam, newTotals());
  addTotals(families.get(fam)!, score, relays);
  const where = pdfs.length === 1 ? pdfs[0] : `${pdfs.length} PDFs in pdf/${fam}`;
  const relayLines = () => {
    if (set.relays.length === 0) return;
    console.log(
      `  relays   ${relays.relays.found}/${relays.relays.truth} paired with an extracted relay swim`,
    );
    console.log(`  legs     ${pair(relays.legNames)} (swimmer named at its order)`);
    console.log(`  legtimes ${pair(relays.legTimes)} (own leg time, where the truth's splits give it)`);
    for (const miss of relays.misses.slice(0, missLimit)) console.log(`  miss   ${miss}`);
    if (relays.misses.length > missLimit)
      console.log(`  … ${relays.misses.length - missLimit} more relay misses`);
  };
  if (set.swims.length === 0) {
    console.log(`\n${set.label} -> ${where}: relay table (${set.relays.length} relays)`);
    relayLines();
    continue;
  }
  console.log(
    `\n${set.label} -> ${where} [${set.grade}, ${set.scope}; ${set.swims.length} rows, ${set.skipped} relay/unusable rows not scored]`,
  );
  if (failures.length > 0) {
    const noParser = failures.some((f) => f.endsWith("UNSUPPORTED_FORMAT"));
    console.log(
      `  NOT EXTRACTED (${failures.join("; ")})${noParser ? " — no parser for this format yet: recall 0" : ""}`,
    );
  }
  console.log(`  swims    ${pair(score.swims)}`);
  console.log(`  places   ${pair(score.places)}`);
  console.log(`  splits   ${pair(score.splits)}`);
  console.log(`  statuses ${pair(score.statuses)}`);
  if (score.dates.truth > 0)
    console.log(
      `  dates    ${pair(score.dates)} (${score.datesFromMeetStart} only the meet's start; ${set.dayBasis ?? ""})`,
    );
  relayLines();
  if (failures.length === 0) {
    for (const miss of score.misses.slice(0, missLimit)) console.log(`  miss   ${miss}`);
    if (score.misses.length > missLimit) console.log(`  … ${score.misses.length - missLimit} more misses`);
    for (const extra of score.extras.slice(0, Math.min(3, missLimit))) console.log(`  extra  ${extra}`);
    if (score.extras.length > 3)
      console.log(`  … ${score.extras.length - 3} more extracted swims without a truth partner`);
  }
}

console.log("\n== swimmer queries (swimmer_queries.tsv, through matchSwimmer)");
const queryTally: Tally = { ...emptyTally(), extracted: 0 };
const groups = new Map<string, typeof truth.queries>();
for (const q of truth.queries) {
  const key = `${q.pdf}\t${q.query}`;
  groups.set(key, [...(groups.get(key) ?? []), q]);
}
for (const [key, expected] of groups) {
  const [pdf, query] = key.split("\t") as [string, string];
  const r = byPdf.get(pdf);
  if (!r) continue;
  queryTally.truth += expected.length;
  if (!r.ok) {
    console.log(`  ${query} in ${pdf}: 0/${expected.length} (${r.code})`);
    continue;
  }
  const match = matchSwimmer(r.output.swims, query);
  // The query truth lists individual swims; relay legs found for the swimmer are reported, not scored.
  const returned = match.swims.filter((m) => m.legOrder === undefined).map((m) => m.swim);
  const legs = match.swims.length - returned.length;
  queryTally.extracted! += returned.length;
  const used = new Set<Swim>();
  const missed: string[] = [];
  for (const e of expected) {
    const hit = returned.find(
      (s) =>
        !used.has(s) &&
        (e.distance === null || s.event.distance === e.distance) &&
        (e.round === null || roundClassOf(s.round) === e.round) &&
        (e.timeMs !== null ? s.timeMs === e.timeMs : s.status === e.status),
    );
    if (hit) {
      used.add(hit);
      queryTally.found++;
      queryTally.right++;
    } else
      missed.push(
        `${e.distance ?? "?"} ${e.round ?? ""} ${e.timeMs !== null ? (e.timeMs / 1000).toFixed(2) : e.status}`,
      );
  }
  const flag = match.ambiguous ? ` AMBIGUOUS among ${match.candidates.length}` : "";
  console.log(
    `  ${query} in ${pdf}: ${used.size}/${expected.length} expected swims, ${returned.length} returned (+${legs} relay legs)${flag}${missed.length ? `; missing ${missed.slice(0, missLimit).join(", ")}` : ""}`,
  );
}
console.log(`  queries  ${pair(queryTally)}`);

console.log("\n== per family (all truth files of the family; subset truths add to recall only)");
for (const [fam, t] of [...families].sort()) {
  console.log(
    `  ${fam.padEnd(9)} swims ${pair(t.swims)}  places ${pair(t.places)}  splits ${pair(t.splits)}  statuses ${pair(t.statuses)}`,
  );
  const dates =
    t.dates.truth > 0
      ? `dates ${pair(t.dates)} (${t.datesFromMeetStart} only the meet's start)`
      : "dates: no truth";
  const legs = [
    t.legNames.truth > 0 ? `relay legs ${pair(t.legNames)}` : "relay legs: no truth",
    t.legTimes.truth > 0 ? `leg times ${pair(t.legTimes)}` : "leg times: no truth",
  ].join("  ");
  console.log(`  ${"".padEnd(9)} ${dates}  ${legs}`);
}
console.log(
  "  (dates: matched swims dated the true day, where a truth file dates the swim's session: the DSV exports only)",
);
console.log(
  "  (relay legs: from SwimmeR relay rows; swimmer_queries.tsv and the DSV exports have no relay rows)",
);

// Every family of the corpus, truth or not: each time must be canonical and each output must fit the contract.
console.log(
  "\n== canonical times (time, seedTime, split and relay-leg times as m:ss.cc / ss.cc) and contract, per family",
);
const canonical = new Map<string, { times: number; bad: number; broken: number; examples: string[] }>();
for (const f of allPdfs) {
  const r = byPdf.get(f)!;
  const fam = family(f);
  const entry = canonical.get(fam) ?? { times: 0, bad: 0, broken: 0, examples: [] };
  canonical.set(fam, entry);
  if (!r.ok) continue;
  for (const s of r.output.swims)
    entry.times +=
      (s.time === null ? 0 : 1) +
      (s.seedTime === null ? 0 : 1) +
      s.splits.length +
      s.relayLegs.filter((l) => l.time !== null).length;
  const bad = nonCanonicalTimes(r.output.swims);
  entry.bad += bad.length;
  for (const b of bad.slice(0, 3))
    entry.examples.push(`${f.split("/").pop()}: ${b.where} = ${JSON.stringify(b.value)}`);
  const contract = extractionOutputSchema.safeParse(r.output);
  if (!contract.success) {
    entry.broken++;
    const issue = contract.error.issues[0];
    entry.examples.push(
      `${f.split("/").pop()}: breaks the contract at ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
}
let nonCanonical = 0;
let contractBreaks = 0;
for (const [fam, c] of [...canonical].sort()) {
  nonCanonical += c.bad;
  contractBreaks += c.broken;
  console.log(
    `  ${fam.padEnd(12)} ${c.bad} not canonical of ${c.times} times; ${c.broken} outputs break the contract`,
  );
  for (const e of c.examples.slice(0, missLimit)) console.log(`    ${e}`);
}
console.log("\n== overall");
console.log(`  swims    ${pair(overall.swims)}`);
console.log(`  places   ${pair(overall.places)}`);
console.log(`  splits   ${pair(overall.splits)}`);
console.log(`  statuses ${pair(overall.statuses)}`);
console.log(`  queries  ${pair(queryTally)}`);
console.log(`  dates    ${pair(overall.dates)}`);
console.log(`  legs     ${pair(overall.legNames)}`);
console.log(`  legtimes ${pair(overall.legTimes)}`);
console.log(`  times not canonical: ${nonCanonical}; outputs breaking the contract: ${contractBreaks}`);
const notResultsPdfs = allPdfs.filter((f) => f.startsWith("pdf/not-results/"));
const notResultsInFolder = {
  total: notResultsPdfs.length,
  recognised: notResultsPdfs.filter((f) => {
    const reply = byPdf.get(f);
    return reply !== undefined && !reply.ok && reply.code === "NOT_RESULTS";
  }).length,
};
console.log(
  `  not-results documents recognised: ${notResultsOk}/${notResultsTotal} truth-listed; ${notResultsInFolder.recognised}/${notResultsInFolder.total} in pdf/not-results`,
);
for (const note of truth.notes) console.log(`  note: ${note}`);

// Every measured figure, as the floor file names them: per family (a new family joining must not fail
// the pooled figures), plus the swimmer queries and the not-results documents.
const figures: Figures = {};
const addFigures = (prefix: string, tally: Tally) => {
  const r = recall(tally);
  const p = precision(tally);
  if (r !== null) figures[`${prefix}.recall`] = r;
  if (p !== null) figures[`${prefix}.precision`] = p;
};
const measures = ["swims", "places", "splits", "statuses"] as const;
for (const [fam, t] of families) {
  for (const m of measures) addFigures(`${fam}.${m}`, t[m]);
  addFigures(`${fam}.dates`, t.dates);
  addFigures(`${fam}.relay-legs`, t.legNames);
  addFigures(`${fam}.leg-times`, t.legTimes);
}
addFigures("overall.queries", queryTally);
if (notResultsInFolder.total > 0)
  figures["overall.not-results.recall"] = notResultsInFolder.recognised / notResultsInFolder.total;

const floorFile = resolve(values.floor!);
const floor = readFloor(floorFile);
if (values["raise-floor"]) {
  if (values.only) {
    console.error("--raise-floor needs the whole corpus (drop --only)");
    process.exit(2);
  }
  writeFloor(floorFile, raised(floor, figures));
  console.log(`\nfloor written to ${floorFile}`);
}
if (values.check) {
  // With --only, families left out of the run are not measured: hold only the families it ran.
  const ran = new Set(allPdfs.map(family));
  const held = values.only
    ? Object.fromEntries(Object.entries(floor).filter(([key]) => ran.has(key.split(".")[0]!)))
    : floor;
  if (values.only)
    console.log(
      `\n--only: checking the floor of ${[...ran].sort().join(", ")} only (overall figures skipped)`,
    );
  const below = breaches(held, figures);
  const unfloored = Object.keys(figures)
    .filter((key) => !(key in floor))
    .sort();
  console.log(
    `\n== floor (${floorFile}): ${Object.keys(held).length} figures held, ${below.length} below it`,
  );
  for (const b of below)
    console.error(
      `  BELOW FLOOR ${b.key}: ${b.actual === null ? "not measured" : fine(b.actual)} < ${fine(b.floor)}`,
    );
  // A figure the floor does not hold yet is reported, not failed: --raise-floor adds it.
  if (unfloored.length > 0)
    console.log(
      `  not in the floor yet (not checked): ${unfloored.map((k) => `${k} ${fine(figures[k]!)}`).join(", ")}`,
    );
  if (nonCanonical > 0) console.error(`  NOT CANONICAL: ${nonCanonical} output times are not m:ss.cc`);
  if (contractBreaks > 0) console.error(`  CONTRACT: ${contractBreaks} outputs break the output contract`);
  process.exit(below.length > 0 || nonCanonical > 0 || contractBreaks > 0 ? 1 : 0);
}
