/** The swimmer's results: personal bests, swims grouped by meet with sortable columns, CSV download. */
import type { BatchResults, PersonalBest, ResultSwim } from "@splitstream/shared";
import { useMemo, useState } from "react";
import { eventName, formatDate, formatTimeMs, roundName } from "./format.ts";
import { csvFileName, swimsToCsv } from "./results-csv.ts";

type SortKey = "event" | "round" | "place" | "time";
type Sort = { key: SortKey; dir: 1 | -1 };

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: "event", label: "Event" },
  { key: "round", label: "Round" },
  { key: "place", label: "Place" },
  { key: "time", label: "Time" },
];

function compare(a: ResultSwim, b: ResultSwim, key: SortKey): number {
  const nullsLast = (x: number | null, y: number | null) =>
    x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;
  switch (key) {
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
      return a.round.localeCompare(b.round);
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
  course: string | null;
  swims: Array<ResultSwim & { key: string }>;
}

function groupByMeet(swims: readonly ResultSwim[]): MeetGroup[] {
  const groups = new Map<string, MeetGroup>();
  for (const swim of swims) {
    const key = `${swim.meet.name ?? ""}|${swim.meet.startDate ?? ""}|${swim.jobId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        name: swim.meet.name ?? "Unnamed meet",
        date: swim.meet.startDate,
        course: swim.meet.course,
        swims: [],
      };
      groups.set(key, group);
    }
    group.swims.push({ ...swim, key: `${group.swims.length}-${swim.event.number}-${swim.round}` });
  }
  // Newest meet first: that is what people look for.
  return [...groups.values()].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
}

export function ResultsView({ results }: { results: BatchResults }) {
  const [sort, setSort] = useState<Sort>({ key: "event", dir: 1 });
  const groups = useMemo(() => groupByMeet(results.swims), [results.swims]);

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

      {results.ambiguities.length > 0 && (
        <div className="notice" role="note">
          <p>
            Some names are close to "{results.swimmerName}" but may be other swimmers; they are not included:
          </p>
          <ul>
            {results.ambiguities.map((ambiguity) => (
              <li key={ambiguity.jobId}>{ambiguity.candidates.join(", ")}</li>
            ))}
          </ul>
        </div>
      )}

      <PersonalBests bests={results.personalBests} />

      {results.swims.length === 0 ? (
        <p className="empty">No swims for this name were found in these files.</p>
      ) : (
        groups.map((group) => (
          <section key={group.key} className="meet card" aria-label={group.name}>
            <h3>
              {group.name}
              <span className="meet-meta">
                {formatDate(group.date)}
                {group.course ? ` · ${group.course}` : ""}
              </span>
            </h3>
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
                          {swim.event.number ? <span className="muted">#{swim.event.number} </span> : null}
                          {eventName(swim.event.distance, swim.event.stroke)}
                          {swim.event.ageGroup ? (
                            <span className="muted"> · {swim.event.ageGroup}</span>
                          ) : null}
                        </td>
                        <td>{roundName(swim.round)}</td>
                        <td>{swim.place ?? "—"}</td>
                        <td className="time">{swim.time ?? formatTimeMs(swim.timeMs)}</td>
                        <td className="time">{swim.seedTime ?? "—"}</td>
                        <td className="splits">
                          {swim.splits.length
                            ? swim.splits
                                .map((split) => `${split.distance}: ${formatTimeMs(split.timeMs)}`)
                                .join(", ")
                            : "—"}
                        </td>
                        <td>
                          {swim.status !== "OK" && <span className="badge badge-bad">{swim.status}</span>}
                          {swim.dqReason ? ` ${swim.dqReason}` : ""}
                          {swim.relayLeg ? ` Relay leg ${swim.relayLeg}` : ""}
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
                <td>{formatDate(best.date)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
