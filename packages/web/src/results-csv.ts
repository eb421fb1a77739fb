/** Builds the swimmer's swims as CSV in the browser (RFC 4180 quoting), for the download button. */
import type { ResultSwim } from "@splitstream/shared";
import { splitsLabel } from "./format.ts";

/** Excel reads a CSV as UTF-8 (accented names intact) only when it starts with a byte-order mark. */
const BOM = "\uFEFF";

const HEADER = [
  "date",
  "date_is_meet_start",
  "meet",
  "meet_start_date",
  "course",
  "event_number",
  "distance",
  "stroke",
  "relay",
  "age_group",
  "event_name",
  "round",
  "round_label",
  "heat",
  "lane",
  "place",
  "tie",
  "time",
  "time_ms",
  "time_as_printed",
  "seed_time",
  "status",
  "dq_reason",
  "points",
  "splits",
  "relay_leg",
  "leg_time",
  "leg_splits",
  "name_as_printed",
  "team",
];

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote anything that could break a row, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function swimsToCsv(swims: readonly ResultSwim[]): string {
  const rows = swims.map((swim) =>
    [
      swim.date,
      swim.dateIsMeetStart,
      swim.meet.name,
      swim.meet.startDate,
      swim.course,
      swim.event.number,
      swim.event.distance,
      swim.event.stroke,
      swim.event.relay,
      swim.event.ageGroup,
      swim.event.name,
      swim.round,
      swim.roundLabel,
      swim.heat,
      swim.lane,
      swim.place,
      swim.tie,
      swim.time,
      swim.timeMs,
      swim.timeAsPrinted,
      swim.seedTime,
      swim.status,
      swim.dqReason,
      swim.points,
      splitsLabel(swim.splits, "; "),
      swim.relayLeg?.order,
      swim.relayLeg?.time,
      swim.relayLeg ? splitsLabel(swim.relayLeg.splits, "; ") : null,
      swim.name,
      swim.team,
    ]
      .map(cell)
      .join(","),
  );
  return `${BOM}${[HEADER.join(","), ...rows].join("\r\n")}\r\n`;
}

export function csvFileName(swimmerName: string): string {
  const slug = swimmerName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return `${slug || "swimmer"}-results.csv`;
}
