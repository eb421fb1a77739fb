/** The live connection's state as a small pill, and a plain note when what the page shows may be out of date. */
import type { ConnectionState } from "./use-batch-events.ts";

const CONNECTION_WORDS: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
  finished: "Finished",
};

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span
      // Once the batch is over there is no connection to speak of: keep the element, out of sight.
      className={`connection connection-${state}${state === "finished" ? " visually-hidden" : ""}`}
      data-testid="connection"
      data-state={state}
    >
      <span className="connection-dot" aria-hidden="true" />
      {CONNECTION_WORDS[state]}
    </span>
  );
}

/** Said once, in a live region, when the stream is lost while the batch still runs. */
export function ConnectionNote({ state }: { state: ConnectionState }) {
  const lost = state === "offline" || state === "reconnecting";
  return (
    <p className={lost ? "connection-note" : "visually-hidden"} role="status" data-testid="connection-note">
      {state === "offline" &&
        "You are offline: this page shows where the files were. It catches up by itself when the connection is back."}
      {state === "reconnecting" && "The connection was lost: trying again. This page catches up by itself."}
    </p>
  );
}
