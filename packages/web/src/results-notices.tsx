/**
 * What the results say when they are not simply a list of swims: namesakes to choose between, no swims
 * (with "did you mean"), and files that were not read — said honestly, never as "none found" when
 * files went unread.
 */
import type { BatchResults, Job } from "@splitstream/shared";
import type { ResultsActions } from "./results-view.tsx";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** How many files were read and how many were not, and why not, in plain words. */
export function fileCounts(jobs: readonly Job[]): {
  total: number;
  read: number;
  unread: number;
  why: string;
} {
  const failed = jobs.filter((job) => job.status === "failed").length;
  const cancelled = jobs.filter((job) => job.status === "cancelled").length;
  const waiting = jobs.filter((job) => !["completed", "failed", "cancelled"].includes(job.status)).length;
  const read = jobs.filter((job) => job.status === "completed").length;
  const why = [
    failed ? `${failed} could not be read` : null,
    cancelled ? `${cancelled} ${cancelled === 1 ? "was" : "were"} cancelled` : null,
    waiting ? `${waiting} ${waiting === 1 ? "is" : "are"} not finished` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return { total: jobs.length, read, unread: jobs.length - read, why };
}

/** Some files were not read: the swims shown may not be all of them. */
export function UnreadFiles({ results }: { results: BatchResults }) {
  const counts = fileCounts(results.jobs);
  if (counts.unread === 0 || results.swims.length === 0) return null;
  return (
    <p className="notice" data-testid="unread-files">
      {plural(counts.read, "file")} of {counts.total} {counts.read === 1 ? "was" : "were"} read ({counts.why}
      ), so swims in the others are not shown.
    </p>
  );
}

/** The name fits two or more swimmers in some meet: ask which one, never guess. */
export function Ambiguities({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
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
                {candidate.label} · {plural(candidate.swimCount, "swim")}
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

const ONE_FILE_UNREAD: Partial<Record<Job["status"], string>> = {
  failed: "The file could not be read",
  cancelled: "The file was cancelled before it was read",
};

/** No swims: say which files were looked in, and offer the close names the meets hold ("did you mean"). */
export function NoSwims({ results, actions }: { results: BatchResults; actions?: ResultsActions }) {
  const counts = fileCounts(results.jobs);
  if (counts.read === 0)
    return (
      <p className="empty" data-testid="no-swims">
        {counts.total === 1
          ? `${ONE_FILE_UNREAD[results.jobs[0]?.status ?? "pending"] ?? "The file was not read"}, so there are no swims to show.`
          : `None of the ${counts.total} files was read (${counts.why}), so there are no swims to show.`}
      </p>
    );
  const where =
    counts.unread === 0
      ? counts.total === 1
        ? "in this file"
        : `in these ${counts.total} files`
      : `in the ${plural(counts.read, "file")} that ${counts.read === 1 ? "was" : "were"} read`;
  return (
    <div className="empty" data-testid="no-swims">
      <p>
        No swims for "{results.swimmerName}" were found {where}.
        {counts.unread > 0 &&
          ` ${plural(counts.unread, "other file")} ${counts.unread === 1 ? "was" : "were"} not read (${counts.why}).`}
      </p>
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
                    {suggestion.name} · {plural(suggestion.swimCount, "swim")}
                  </button>
                ) : (
                  `${suggestion.name} (${plural(suggestion.swimCount, "swim")})`
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
