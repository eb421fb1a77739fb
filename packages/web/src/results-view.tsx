/**
 * The swimmer's results, phone first: personal bests, the progression chart, then each meet (newest
 * first) with its swims as cards on a narrow screen or a table on a wide one (never both), and the CSV.
 */
import type { BatchResults, Course, ResultMeet, ResultSwim } from "@splitstream/shared";
import { useMemo } from "react";
import { formatDate } from "./format.ts";
import { PersonalBests } from "./personal-bests.tsx";
import { ProgressionChart } from "./progression-chart.tsx";
import { csvFileName, swimsToCsv } from "./results-csv.ts";
import { Ambiguities, NoSwims, UnreadFiles } from "./results-notices.tsx";
import { SwimCards } from "./swim-cards.tsx";
import { compareSwims, SwimsTable } from "./swims-table.tsx";
import { PRINT_QUERY, TABLE_LAYOUT_QUERY, useMediaQuery } from "./use-media-query.ts";
import "./results.css";

/** What the owner of a batch may change; the shared result page passes none of it. */
export interface ResultsActions {
  setCourse(jobId: string, course: Course | null): void;
  chooseSwimmer(swimmerName: string, choice: { team: string | null; birthYear: number | null } | null): void;
  busy: boolean;
}

interface MeetGroup {
  key: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
  meet: ResultMeet | undefined;
  swims: Array<ResultSwim & { key: string }>;
}

function groupByMeet(swims: readonly ResultSwim[], meets: readonly ResultMeet[]): MeetGroup[] {
  const groups = new Map<string, MeetGroup>();
  for (const swim of swims) {
    const key = swim.jobId;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        name: swim.meet.name ?? "Unnamed meet",
        startDate: swim.meet.startDate,
        endDate: swim.meet.endDate,
        meet: meets.find((meet) => meet.jobId === swim.jobId),
        swims: [],
      };
      groups.set(key, group);
    }
    group.swims.push({ ...swim, key: `${group.swims.length}-${swim.event.number}-${swim.round}` });
  }
  for (const group of groups.values()) group.swims.sort((a, b) => compareSwims(a, b));
  // Newest meet first: that is what people look for.
  return [...groups.values()].sort((a, b) => (b.startDate ?? "").localeCompare(a.startDate ?? ""));
}

function downloadCsv(results: BatchResults) {
  const blob = new Blob([swimsToCsv(results.swims)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = csvFileName(results.swimmerName);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function ResultsView({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
  // One layout at a time, so every swim is in the page once (tests and screen readers count them).
  const asTable = useMediaQuery(TABLE_LAYOUT_QUERY);
  const printing = useMediaQuery(PRINT_QUERY);
  const groups = useMemo(() => groupByMeet(results.swims, results.meets), [results.swims, results.meets]);
  const count = results.swims.length;

  return (
    <div className="results" data-testid="results" data-layout={asTable ? "table" : "cards"}>
      <div className="results-head">
        {/* The page's own heading names the swimmer: a 120-character name need not be read twice. */}
        <h2>
          {count} swim{count === 1 ? "" : "s"}
          <span className="visually-hidden"> for {results.swimmerName}</span>
        </h2>
        {count > 0 && (
          <button type="button" className="button secondary no-print" onClick={() => downloadCsv(results)}>
            Download CSV
          </button>
        )}
      </div>

      <Ambiguities results={results} actions={actions} />
      <UnreadFiles results={results} />

      <PersonalBests bests={results.personalBests} asTable={asTable} />
      {count > 0 && <ProgressionChart results={results} />}

      {count === 0 ? (
        <NoSwims results={results} actions={actions} />
      ) : (
        groups.map((group) => (
          <section key={group.key} className="meet card" aria-label={group.name} data-testid="meet">
            <h3 className="meet-name">{group.name}</h3>
            <p className="meet-meta">
              {meetDates(group)}
              {" · "}
              {group.meet?.course ? COURSE_WORDS[group.meet.course] : "pool not stated"}
              {" · "}
              {group.swims.length} swim{group.swims.length === 1 ? "" : "s"}
            </p>
            {actions && group.meet && <CourseSetting meet={group.meet} actions={actions} />}
            {asTable ? (
              <SwimsTable swims={group.swims} sortable={!printing} />
            ) : (
              <SwimCards swims={group.swims} />
            )}
          </section>
        ))
      )}
    </div>
  );
}

function meetDates(group: MeetGroup): string {
  if (!group.startDate) return "date not stated";
  if (!group.endDate || group.endDate === group.startDate) return formatDate(group.startDate);
  return `${formatDate(group.startDate)} – ${formatDate(group.endDate)}`;
}

const COURSE_WORDS: Record<Course, string> = {
  SCM: "25 m pool (SCM)",
  LCM: "50 m pool (LCM)",
  SCY: "25 yd pool (SCY)",
};

/** The person knows the pool when the PDF does not say it: their word re-counts the bests. */
function CourseSetting({ meet, actions }: { meet: ResultMeet; actions: ResultsActions }) {
  const id = `course-${meet.jobId}`;
  return (
    <p className="course-setting no-print">
      <label htmlFor={id}>Pool:</label>
      <select
        id={id}
        value={meet.course ?? ""}
        disabled={actions.busy}
        onChange={(event) => actions.setCourse(meet.jobId, (event.target.value || null) as Course | null)}
      >
        {!meet.course && <option value="">Not stated in the PDF — choose</option>}
        {(Object.keys(COURSE_WORDS) as Course[]).map((course) => (
          <option key={course} value={course}>
            {COURSE_WORDS[course]}
          </option>
        ))}
        {meet.courseSetByPerson && <option value="">As the PDF says</option>}
      </select>
      {meet.courseSetByPerson && <span className="muted">(set by you)</span>}
    </p>
  );
}
