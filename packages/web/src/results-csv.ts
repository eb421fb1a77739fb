/** Builds the swimmer's swims as CSV in the browser (RFC 4180 quoting), for the download button. */
import type { ResultSwim } from "@splitstream/shared";
import { formatTimeMs } from "./format.ts";

const HEADER = [
  "meet",
  "start_date",
  "course",
  "event_number",
  "distance",
  "stroke",
  "relay",
  "age_group",
  "round",
  "heat",
  "lane",
  "place",
  "time",
  "time_ms",
  "seed_time",
  "status",
  "dq_reason",
  "points",
  "splits",
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
      swim.meet.name,
      swim.meet.startDate,
      swim.event.course ?? swim.meet.course,
      swim.event.number,
      swim.event.distance,
      swim.event.stroke,
      swim.event.relay,
      swim.event.ageGroup,
      swim.round,
      swim.heat,
      swim.lane,
      swim.place,
      swim.time,
      swim.timeMs,
      swim.seedTime,
      swim.status,
      swim.dqReason,
      swim.points,
      swim.splits.map((split) => `${split.distance}:${formatTimeMs(split.timeMs)}`).join(" "),
      swim.name,
      swim.team,
    ]
      .map(cell)
      .join(","),
  );
  return `${[HEADER.join(","), ...rows].join("\r\n")}\r\n`;
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
