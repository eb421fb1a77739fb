/**
 * The swimmer's progress in one event: a chart (uPlot, loaded lazily) with an event picker, a legend,
 * what the tapped day holds, and the same points as a table for screen readers and for printing.
 */
import type { BatchResults } from "@splitstream/shared";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import {
  type ChartEvent,
  COURSE_LABELS,
  type CourseKey,
  chartEvents,
  defaultChartEvent,
  type Progression,
  plotColumns,
  progression,
} from "./chart-data.ts";
import { BEST_MARK, COURSE_STYLES } from "./chart-style.ts";
import { formatDate } from "./format.ts";
import "./progression-chart.css";

/** The legend's swatch for each pool's dash pattern (see chart-style.ts). */
const LEGEND_LINE: Record<CourseKey, "solid" | "dashed" | "dotted"> = {
  SCM: "solid",
  LCM: "dashed",
  SCY: "dotted",
  unknown: "dashed",
};

const ProgressionCanvas = lazy(() => import("./progression-canvas.tsx"));

export function ProgressionChart({ results }: { results: BatchResults }) {
  const pickerId = useId();
  const events = useMemo(() => chartEvents(results.swims), [results.swims]);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const event = events.find((candidate) => candidate.key === chosenKey) ?? defaultChartEvent(events);
  if (!event) return null;

  return (
    <section className="card progression" aria-labelledby={`${pickerId}-title`} data-testid="progression">
      <div className="progression-head">
        <h3 id={`${pickerId}-title`}>Progress · {event.label}</h3>
        {events.length > 1 && (
          <p className="progression-picker no-print">
            <label htmlFor={pickerId}>Event</label>
            <select id={pickerId} value={event.key} onChange={(change) => setChosenKey(change.target.value)}>
              {events.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.label} ({candidate.swimCount} swim{candidate.swimCount === 1 ? "" : "s"})
                </option>
              ))}
            </select>
          </p>
        )}
      </div>
      <EventProgression key={event.key} results={results} event={event} />
    </section>
  );
}

function EventProgression({ results, event }: { results: BatchResults; event: ChartEvent }) {
  const progress = useMemo(
    () => progression(results.swims, results.personalBests, event),
    [results.swims, results.personalBests, event],
  );
  const columns = useMemo(() => plotColumns(progress), [progress]);
  // Until a tap says otherwise, the readout shows the newest day.
  const [picked, setPicked] = useState<number | null>(null);
  const dayIndex = picked ?? columns.days.length - 1;

  if (progress.points.length === 0)
    return <p className="muted">None of these swims has a date, so they cannot be charted.</p>;

  const day = columns.days[dayIndex];
  const onDay = progress.points.filter((point) => point.date === day);
  return (
    <>
      <ul className="progression-legend no-print" aria-hidden="true">
        {progress.courses.map((course) => (
          <li key={course}>
            <span
              className="legend-line"
              style={{
                borderTopColor: COURSE_STYLES[course].color,
                borderTopStyle: LEGEND_LINE[course],
              }}
            />
            {COURSE_LABELS[course]}
          </li>
        ))}
        <li>
          <span className="legend-best" style={{ background: BEST_MARK.fill, borderColor: BEST_MARK.ring }} />
          Personal best
        </li>
      </ul>
      <figure className="progression-figure no-print">
        <Suspense fallback={<div className="progression-canvas progression-loading">Loading the chart…</div>}>
          <ProgressionCanvas columns={columns} onPick={setPicked} />
        </Suspense>
        <figcaption className="progression-readout" data-testid="progression-readout">
          <strong>{formatDate(day ?? null)}</strong>
          {onDay.map((point) => (
            <span key={point.course}>
              {" · "}
              {progress.courses.length > 1 && `${COURSE_LABELS[point.course]} `}
              <span className="time">{point.time}</span>
              {point.isBest && <span className="best-tag"> personal best</span>}
            </span>
          ))}
          {onDay[0]?.meetName && <span className="progression-meet"> · {onDay[0].meetName}</span>}
          <span className="progression-hint"> Tap or point at the chart for another day.</span>
        </figcaption>
      </figure>
      {progress.points.length === 1 && (
        <p className="muted no-print">One swim in this event so far: the line starts with the next.</p>
      )}
      {progress.undated > 0 && (
        <p className="muted">
          {progress.undated} swim{progress.undated === 1 ? " has" : "s have"} no date and{" "}
          {progress.undated === 1 ? "is" : "are"} not on the chart.
        </p>
      )}
      <ProgressionTable progress={progress} />
    </>
  );
}

/** Every point of the chart, oldest first: read by screen readers, hidden on screen, printed instead of the chart. */
function ProgressionTable({ progress }: { progress: Progression }) {
  return (
    // Hidden in a wrapper: a table given the hidden class itself still grows to its content and widens the page.
    <div className="progression-table-box visually-hidden">
      <table className="progression-table" data-testid="progression-table">
        <caption>{progress.event.label}: the fastest swim of each day, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Pool</th>
            <th scope="col">Time</th>
            <th scope="col">Meet</th>
            <th scope="col">Personal best</th>
          </tr>
        </thead>
        <tbody>
          {progress.points.map((point) => (
            <tr key={`${point.date}-${point.course}`}>
              <td>
                {formatDate(point.date)}
                {point.dateIsMeetStart && " (meet start)"}
              </td>
              <td>{COURSE_LABELS[point.course]}</td>
              <td className="time">{point.time}</td>
              <td className="meet-name">
                {point.meetName ?? "—"} · {point.round}
              </td>
              <td>{point.isBest ? "Yes" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
