/** The swimmer's results: personal bests, swims grouped by meet with sortable columns, CSV download. */
import type { BatchResults, Course, PersonalBest, ResultMeet, ResultSwim } from "@splitstream/shared";
import { useMemo, useState } from "react";
import {
  eventName,
  formatDate,
  formatTimeMs,
  placeLabel,
  splitsLabel,
  swimEventLabel,
  swimRoundLabel,
} from "./format.ts";
import { csvFileName, swimsToCsv } from "./results-csv.ts";

/** What the owner of a batch may change; the shared result page passes none of it. */
export interface ResultsActions {
  setCourse(jobId: string, course: Course | null): void;
  chooseSwimmer(swimmerName: string, choice: { team: string | null; birthYear: number | null } | null): void;
  busy: boolean;
}

type SortKey = "date" | "event" | "round" | "place" | "time";
type Sort = { key: SortKey; dir: 1 | -1 };

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: "date", label: "Date" },
  { key: "event", label: "Event" },
  { key: "round", label: "Round" },
  { key: "place", label: "Place" },
  { key: "time", label: "Time" },
];

function compare(a: ResultSwim, b: ResultSwim, key: SortKey): number {
  const nullsLast = (x: number | null, y: number | null) =>
    x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;
  switch (key) {
    case "date":
      return (a.date ?? "").localeCompare(b.date ?? "");
    case "event":
      return (
        nullsLast(
          Number.parseInt(a.event.number ?? "", 10) || null,
          Number.parseInt(b.event.number ?? "", 10) || null,
        ) ||
        a.event.stroke.localeCompare(b.event.stroke) ||
        a.event.distance - b.event.distance
      );
    case "round":
      return swimRoundLabel(a).localeCompare(swimRoundLabel(b));
    case "place":
      return nullsLast(a.place, b.place);
    case "time":
      return nullsLast(a.timeMs, b.timeMs);
  }
}

interface MeetGroup {
  key: string;
  name: string;
  date: string | null;
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
        date: swim.meet.startDate,
        meet: meets.find((meet) => meet.jobId === swim.jobId),
        swims: [],
      };
      groups.set(key, group);
    }
    group.swims.push({ ...swim, key: `${group.swims.length}-${swim.event.number}-${swim.round}` });
  }
  // Newest meet first: that is what people look for.
  return [...groups.values()].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
}

export function ResultsView({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
  const [sort, setSort] = useState<Sort>({ key: "date", dir: 1 });
  const groups = useMemo(() => groupByMeet(results.swims, results.meets), [results.swims, results.meets]);

  const downloadCsv = () => {
    const blob = new Blob([swimsToCsv(results.swims)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = csvFileName(results.swimmerName);
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, dir: current.key === key ? (current.dir === 1 ? -1 : 1) : 1 }));

  return (
    <div className="results" data-testid="results">
      <div className="results-head">
        <h2>
          {results.swims.length} swim{results.swims.length === 1 ? "" : "s"} for {results.swimmerName}
        </h2>
        <button
          type="button"
          className="button secondary no-print"
          onClick={downloadCsv}
          disabled={results.swims.length === 0}
        >
          Download CSV
        </button>
      </div>

      <Ambiguities results={results} actions={actions} />

      <PersonalBests bests={results.personalBests} />

      {results.swims.length === 0 ? (
        <NoSwims results={results} actions={actions} />
      ) : (
        groups.map((group) => (
          <section key={group.key} className="meet card" aria-label={group.name}>
            <h3>
              {group.name}
              <span className="meet-meta">
                {formatDate(group.date)}
                {group.meet?.course ? ` · ${group.meet.course}` : " · pool unknown"}
              </span>
            </h3>
            {actions && group.meet && <CourseSetting meet={group.meet} actions={actions} />}
            <div className="table-scroll">
              <table className="swims">
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <th
                        key={column.key}
                        scope="col"
                        aria-sort={
                          sort.key === column.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"
                        }
                      >
                        <button type="button" className="sort" onClick={() => toggle(column.key)}>
                          {column.label}
                          <span aria-hidden="true">
                            {sort.key === column.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                          </span>
                        </button>
                      </th>
                    ))}
                    <th scope="col">Seed</th>
                    <th scope="col">Splits</th>
                    <th scope="col">Notes</th>
                  </tr>
                </thead>
                <tbody>
                  {[...group.swims]
                    .sort((a, b) => compare(a, b, sort.key) * sort.dir)
                    .map((swim) => (
                      <tr key={swim.key} data-testid="swim-row">
                        <td>
                          {formatDate(swim.date)}
                          {swim.dateIsMeetStart && <span className="muted"> (meet start)</span>}
                        </td>
                        <td>
                          {swim.event.number ? <span className="muted">#{swim.event.number} </span> : null}
                          {swimEventLabel(swim.event)}
                          {swim.event.ageGroup ? (
                            <span className="muted"> · {swim.event.ageGroup}</span>
                          ) : null}
                        </td>
                        <td>{swimRoundLabel(swim)}</td>
                        <td>{placeLabel(swim.place, swim.tie)}</td>
                        <td className="time">
                          {swim.relayLeg ? (
                            <>
                              {swim.relayLeg.time ?? "—"}
                              <span className="muted">
                                {" "}
                                leg {swim.relayLeg.order} · team {swim.time ?? formatTimeMs(swim.timeMs)}
                              </span>
                            </>
                          ) : (
                            (swim.time ?? "—")
                          )}
                        </td>
                        <td className="time">{swim.seedTime ?? "—"}</td>
                        <td className="splits">
                          {(swim.relayLeg ? splitsLabel(swim.relayLeg.splits) : splitsLabel(swim.splits)) ||
                            "—"}
                        </td>
                        <td>
                          {swim.status !== "OK" && <span className="badge badge-bad">{swim.status}</span>}
                          {swim.dqReason ? ` ${swim.dqReason}` : ""}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </div>
  );
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
      <label htmlFor={id}>Pool: </label>
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
      {meet.courseSetByPerson && <span className="muted"> (set by you)</span>}
    </p>
  );
}

/** The name fits two or more swimmers in some meet: ask which one, never guess. */
function Ambiguities({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
  if (results.ambiguities.length === 0) return null;
  const seen = new Map<string, BatchResults["ambiguities"][number]["candidates"][number]>();
  for (const ambiguity of results.ambiguities)
    for (const candidate of ambiguity.candidates) seen.set(candidate.label, candidate);
  return (
    <div className="notice" role="note" data-testid="ambiguities">
      <p>
        More than one swimmer is called "{results.swimmerName}" in{" "}
        {results.ambiguities.length === 1 ? "one meet" : `${results.ambiguities.length} meets`}; their swims
        are not shown until you say which one you mean.
      </p>
      <ul className="choices">
        {[...seen.values()].map((candidate) => (
          <li key={candidate.label}>
            {actions ? (
              <button
                type="button"
                className="button secondary"
                disabled={actions.busy}
                onClick={() =>
                  actions.chooseSwimmer(results.swimmerName, {
                    team: candidate.team,
                    birthYear: candidate.birthYear,
                  })
                }
              >
                {candidate.label} · {candidate.swimCount} swim{candidate.swimCount === 1 ? "" : "s"}
              </button>
            ) : (
              candidate.label
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** No swims: say so, and offer the close names the meets hold ("did you mean"). */
function NoSwims({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
  const read = results.jobs.some((job) => job.status === "completed");
  if (!read) return <p className="empty">None of these files could be read, so no swims are shown.</p>;
  return (
    <div className="empty" data-testid="no-swims">
      <p>No swims for "{results.swimmerName}" were found in these files.</p>
      {results.suggestions.length > 0 && (
        <>
          <p>Did you mean:</p>
          <ul className="choices">
            {results.suggestions.map((suggestion) => (
              <li key={suggestion.name}>
                {actions ? (
                  <button
                    type="button"
                    className="button secondary"
                    disabled={actions.busy}
                    onClick={() => actions.chooseSwimmer(suggestion.name, null)}
                  >
                    {suggestion.name} · {suggestion.swimCount} swim{suggestion.swimCount === 1 ? "" : "s"}
                  </button>
                ) : (
                  `${suggestion.name} (${suggestion.swimCount})`
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PersonalBests({ bests }: { bests: readonly PersonalBest[] }) {
  if (bests.length === 0) return null;
  const sorted = [...bests].sort(
    (a, b) =>
      (a.course ?? "").localeCompare(b.course ?? "") ||
      a.stroke.localeCompare(b.stroke) ||
      a.distance - b.distance,
  );
  return (
    <section className="card" aria-labelledby="pb-title">
      <h3 id="pb-title">Personal bests</h3>
      <div className="table-scroll">
        <table className="bests" data-testid="personal-bests">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Course</th>
              <th scope="col">Time</th>
              <th scope="col">Meet</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((best) => (
              <tr key={`${best.distance}-${best.stroke}-${best.course}`}>
                <td>{eventName(best.distance, best.stroke)}</td>
                <td>{best.course ?? "—"}</td>
                <td className="time">{best.time}</td>
                <td>{best.meetName ?? "—"}</td>
                <td>
                  {formatDate(best.date)}
                  {best.dateIsMeetStart && <span className="muted"> (meet start)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
