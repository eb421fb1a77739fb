/** Display formats: swim times, strokes, rounds, durations, sizes and error codes in plain words. */
import {
  formatSwimTime,
  type JobErrorCode,
  type JobStage,
  type Stroke,
  type SwimEvent,
} from "@splitstream/shared";

export function formatTimeMs(ms: number | null): string {
  return ms === null ? "—" : formatSwimTime(ms);
}

const STROKES: Record<Stroke, string> = {
  free: "Freestyle",
  back: "Backstroke",
  breast: "Breaststroke",
  fly: "Butterfly",
  im: "IM",
  medley_relay: "Medley relay",
  free_relay: "Freestyle relay",
  other: "Other event",
};

export function strokeName(stroke: Stroke): string {
  return STROKES[stroke];
}

export function eventName(distance: number, stroke: Stroke): string {
  return `${distance} ${STROKES[stroke]}`;
}

/** A swim's event for people: relays as legs ("Mixed 4×50 Medley relay"), unknown strokes by their printed name. */
export function swimEventLabel(event: SwimEvent): string {
  if (event.stroke === "other") return event.name ?? `${event.distance} (other event)`;
  if (!event.relay) return eventName(event.distance, event.stroke);
  const legs = event.distance % 4 === 0 ? `4×${event.distance / 4}` : String(event.distance);
  const who = event.gender === "X" ? "Mixed " : "";
  return `${who}${legs} ${STROKES[event.stroke]}`;
}

/** A place as printed: "=9" when shared. */
export function placeLabel(place: number | null, tie: boolean): string {
  if (place === null) return "—";
  return tie ? `=${place}` : String(place);
}

/** The round as the meet names it ("Skins Round 2", "B Final"), else our word for it. */
export function swimRoundLabel(swim: { round: string; roundLabel: string | null }): string {
  return swim.roundLabel ?? roundName(swim.round);
}

/** Splits written so no one mistakes a distance for a time: "50m 35.09 · 100m 1:16.76". */
export function splitsLabel(
  splits: ReadonlyArray<{ distance: number; timeMs: number }>,
  separator = " · ",
): string {
  return splits.map((split) => `${split.distance}m ${formatSwimTime(split.timeMs)}`).join(separator);
}

const ROUNDS: Record<string, string> = {
  prelim: "Prelim",
  final: "Final",
  timed_final: "Timed final",
  semi: "Semi-final",
  swimoff: "Swim-off",
  heat: "Heat",
};

export function roundName(round: string): string {
  return ROUNDS[round] ?? round;
}

export const STAGE_LABELS: Record<JobStage, string> = {
  queued: "Queued",
  downloading: "Downloading",
  uploading_to_ai: "Uploading",
  extracting: "Extracting",
  caching: "Caching",
  done: "Done",
};

/** What each job error means for the person who sent the file. */
export const ERROR_WORDS: Record<JobErrorCode, string> = {
  NOT_PDF: "This file is not a PDF.",
  TOO_LARGE: "This file is larger than the service accepts.",
  ENCRYPTED_PDF: "This PDF is password-protected, so it cannot be read.",
  CORRUPT_PDF: "This PDF is damaged and cannot be opened.",
  NOT_RESULTS:
    "This PDF is not a results document (it looks like an entry list, psych sheet, top-times list or certificate).",
  UNSUPPORTED_FORMAT: "The layout of these results is not one Splitstream can read yet.",
  BLOCKED_URL: "This address cannot be fetched (private or blocked network).",
  HTTP_ERROR: "The web server refused to hand out the file.",
  NETWORK_ERROR: "The file's web server could not be reached.",
  TIMEOUT: "The download took too long.",
  RATE_LIMIT: "The file's web server asked us to slow down.",
  EXTRACTION_TIMEOUT: "Reading this PDF took too long.",
  INTERNAL: "Something went wrong on our side.",
};

export function errorWords(code: string | null): string {
  return (code && ERROR_WORDS[code as JobErrorCode]) || "The file could not be processed.";
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return "less than a second";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatDate(iso: string | null): string {
  if (!iso) return "—";
  // A bare day ("2019-11-30") is that day wherever the reader is: `new Date` would read it as UTC
  // midnight and show the day before west of Greenwich.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const STATUS_WORDS: Record<string, string> = {
  DQ: "Disqualified",
  DNS: "Did not start",
  DNF: "Did not finish",
  SCR: "Scratched",
  NS: "No show",
  EXH: "Exhibition swim",
};

/** A swim's status for parents ("Disqualified", not "DQ"); null for an ordinary finished swim. */
export function swimStatusWords(status: string): string | null {
  if (status === "OK") return null;
  return STATUS_WORDS[status] ?? status;
}

/** A day short enough for a chart's axis or a card: "16 Oct 20". `iso` is a bare day ("2020-10-16"). */
export function formatShortDay(iso: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!day) return iso;
  return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))).toLocaleDateString(
    undefined,
    {
      day: "numeric",
      month: "short",
      year: "2-digit",
      timeZone: "UTC",
    },
  );
}

/** Each split with the time of its own lap ("100m 1:00.34, lap 31.45"), from cumulative splits. */
export function splitLaps(
  splits: ReadonlyArray<{ distance: number; timeMs: number }>,
): Array<{ distance: number; time: string; lap: string | null }> {
  return splits.map((split, index) => {
    const previous = index > 0 ? splits[index - 1] : undefined;
    const lapMs = previous ? split.timeMs - previous.timeMs : null;
    return {
      distance: split.distance,
      time: formatSwimTime(split.timeMs),
      lap: lapMs !== null && lapMs > 0 ? formatSwimTime(lapMs) : null,
    };
  });
}
