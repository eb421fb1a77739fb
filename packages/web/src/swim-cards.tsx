/**
 * A meet's swims as cards for a narrow screen: event and time on top, place, round and date beneath,
 * and the splits behind a button (aria-expanded) so a card stays short until someone asks.
 */
import type { ResultSwim } from "@splitstream/shared";
import { useId, useState } from "react";
import {
  formatDate,
  formatTimeMs,
  placeLabel,
  splitLaps,
  swimEventLabel,
  swimRoundLabel,
  swimStatusWords,
} from "./format.ts";

export function SwimCards({ swims }: { swims: ReadonlyArray<ResultSwim & { key: string }> }) {
  return (
    <ol className="swim-cards">
      {swims.map((swim) => (
        <SwimCard key={swim.key} swim={swim} />
      ))}
    </ol>
  );
}

function SwimCard({ swim }: { swim: ResultSwim }) {
  const status = swimStatusWords(swim.status);
  const leg = swim.relayLeg;
  const time = leg ? leg.time : swim.time;
  const facts = [
    swim.place !== null ? `Place ${placeLabel(swim.place, swim.tie)}` : null,
    swimRoundLabel(swim),
    `${formatDate(swim.date)}${swim.dateIsMeetStart ? " (meet start)" : ""}`,
  ].filter(Boolean);
  return (
    <li className="swim-card" data-testid="swim-row">
      <div className="swim-card-top">
        <span className="swim-event">
          {swim.event.number ? <span className="muted">#{swim.event.number} </span> : null}
          {swimEventLabel(swim.event)}
          {swim.event.ageGroup ? <span className="muted"> · {swim.event.ageGroup}</span> : null}
        </span>
        <span className="swim-time">{time ?? status ?? "—"}</span>
      </div>
      <p className="swim-facts">{facts.join(" · ")}</p>
      {leg && (
        <p className="swim-facts">
          Leg {leg.order} of the relay · team {swim.time ?? formatTimeMs(swim.timeMs)}
        </p>
      )}
      {(status || swim.dqReason) && (
        <p className="swim-status">
          {status && <strong>{status}</strong>}
          {swim.dqReason ? ` ${swim.dqReason}` : ""}
        </p>
      )}
      {swim.seedTime && <p className="swim-facts">Entry time {swim.seedTime}</p>}
      <Splits swim={swim} />
    </li>
  );
}

function Splits({ swim }: { swim: ResultSwim }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const splits = swim.relayLeg ? swim.relayLeg.splits : swim.splits;
  if (splits.length === 0) return null;
  const laps = splitLaps(splits);
  return (
    <div className="swim-splits">
      <button
        type="button"
        className="splits-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
      >
        Splits
        <span className="visually-hidden">
          {" "}
          for {swimEventLabel(swim.event)}, {swimRoundLabel(swim)}
        </span>
        <span className="splits-chevron" aria-hidden="true" />
      </button>
      <ol id={id} className="splits-list" hidden={!open} data-testid="splits">
        {laps.map((lap) => (
          <li key={lap.distance}>
            <span className="split-distance">{lap.distance} m</span>
            <span className="split-time">{lap.time}</span>
            <span className="split-lap">{lap.lap ? `lap ${lap.lap}` : ""}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
