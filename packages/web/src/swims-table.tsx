/** A meet's swims as a sortable table for wide screens and for printing (where the sort buttons become plain headers). */
import type { ResultSwim } from "@splitstream/shared";
import { useState } from "react";
import {
  formatDate,
  formatTimeMs,
  placeLabel,
  splitsLabel,
  swimEventLabel,
  swimRoundLabel,
  swimStatusWords,
} from "./format.ts";

type SortKey = "date" | "event" | "round" | "place" | "time";
type Sort = { key: SortKey; dir: 1 | -1 };

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: "date", label: "Date" },
  { key: "event", label: "Event" },
  { key: "round", label: "Round" },
  { key: "place", label: "Place" },
  { key: "time", label: "Time" },
];

const nullsLast = (x: number | null, y: number | null) =>
  x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;

/** In the order the meet swam them: by day, then event number. */
export function compareSwims(a: ResultSwim, b: ResultSwim, key: SortKey = "date"): number {
  switch (key) {
    case "date":
      return (a.date ?? "").localeCompare(b.date ?? "") || compareSwims(a, b, "event");
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

export function SwimsTable({
  swims,
  sortable,
}: {
  swims: ReadonlyArray<ResultSwim & { key: string }>;
  /** False when printing: paper has no buttons. */
  sortable: boolean;
}) {
  const [sort, setSort] = useState<Sort>({ key: "date", dir: 1 });
  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, dir: current.key === key ? (current.dir === 1 ? -1 : 1) : 1 }));
  const sorted = [...swims].sort((a, b) => compareSwims(a, b, sort.key) * sort.dir);
  return (
    <table className="swims">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th
              key={column.key}
              scope="col"
              aria-sort={sort.key === column.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
            >
              {sortable ? (
                <button type="button" className="sort" onClick={() => toggle(column.key)}>
                  {column.label}
                  <span aria-hidden="true">
                    {sort.key === column.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                  </span>
                </button>
              ) : (
                column.label
              )}
            </th>
          ))}
          <th scope="col">Entry</th>
          <th scope="col">Splits</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((swim) => (
          <tr key={swim.key} data-testid="swim-row">
            <td className="date">
              {formatDate(swim.date)}
              {swim.dateIsMeetStart && <span className="muted"> (meet start)</span>}
            </td>
            <td>
              {swim.event.number ? <span className="muted">#{swim.event.number} </span> : null}
              {swimEventLabel(swim.event)}
              {swim.event.ageGroup ? <span className="muted"> · {swim.event.ageGroup}</span> : null}
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
              {(swim.relayLeg ? splitsLabel(swim.relayLeg.splits) : splitsLabel(swim.splits)) || "—"}
            </td>
            <td>
              {swimStatusWords(swim.status) && <strong>{swimStatusWords(swim.status)}</strong>}
              {swim.dqReason ? ` ${swim.dqReason}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
