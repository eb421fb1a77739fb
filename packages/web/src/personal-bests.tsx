/** The swimmer's personal bests per event and pool: a list of short cards on a phone, a table on a wide screen. */
import type { PersonalBest } from "@splitstream/shared";
import { COURSE_LABELS, COURSE_ORDER, type CourseKey } from "./chart-data.ts";
import { eventName, formatDate } from "./format.ts";

const STROKE_ORDER = ["free", "back", "breast", "fly", "im"];

function sortBests(bests: readonly PersonalBest[]): PersonalBest[] {
  const courseIndex = (best: PersonalBest) => COURSE_ORDER.indexOf(best.course ?? "unknown");
  return [...bests].sort(
    (a, b) =>
      STROKE_ORDER.indexOf(a.stroke) - STROKE_ORDER.indexOf(b.stroke) ||
      a.distance - b.distance ||
      courseIndex(a) - courseIndex(b),
  );
}

/** "25 m pool (SCM)": the words for parents, the code swimmers know. */
export function courseWords(course: PersonalBest["course"]): string {
  const key: CourseKey = course ?? "unknown";
  return course ? `${COURSE_LABELS[key]} (${course})` : COURSE_LABELS[key];
}

const bestKey = (best: PersonalBest) => `${best.distance}-${best.stroke}-${best.course}`;

export function PersonalBests({ bests, asTable }: { bests: readonly PersonalBest[]; asTable: boolean }) {
  if (bests.length === 0) return null;
  const sorted = sortBests(bests);
  return (
    <section className="card bests-card" aria-labelledby="pb-title">
      <h3 id="pb-title">Personal bests</h3>
      {asTable ? (
        <table className="bests" data-testid="personal-bests">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Pool</th>
              <th scope="col">Time</th>
              <th scope="col">Meet</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((best) => (
              <tr key={bestKey(best)}>
                <td>{eventName(best.distance, best.stroke)}</td>
                <td>{courseWords(best.course)}</td>
                <td className="time">{best.time}</td>
                <td className="meet-name">{best.meetName ?? "—"}</td>
                <td>
                  {formatDate(best.date)}
                  {best.dateIsMeetStart && <span className="muted"> (meet start)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul className="best-list" data-testid="personal-bests">
          {sorted.map((best) => (
            <li key={bestKey(best)} className="best-item">
              <span className="best-event">{eventName(best.distance, best.stroke)}</span>
              <span className="best-time">{best.time}</span>
              <span className="best-where">
                {courseWords(best.course)} · {formatDate(best.date)}
                {best.dateIsMeetStart && " (meet start)"}
              </span>
              {best.meetName && <span className="best-where best-meet">{best.meetName}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
