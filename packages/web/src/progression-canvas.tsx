/**
 * The progression chart drawn by uPlot on a canvas: time (faster is lower) against the day, one line per
 * pool, personal bests as larger gold marks; a tap or hover picks a day. Loaded lazily with uPlot.
 */
import { formatSwimTime } from "@splitstream/shared";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { COURSE_LABELS, type PlotColumns } from "./chart-data.ts";
import { BEST_MARK, COURSE_STYLES } from "./chart-style.ts";

const HEIGHT = 260;
const DAY = 86_400;
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TEXT = "#14202b";
const GRID = "#e3e7eb";

const dayAndMonth = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const monthOnly = new Intl.DateTimeFormat(undefined, { month: "short", timeZone: "UTC" });

/**
 * Short, unambiguous ticks: "6 Dec" (or "Jan" when the ticks are months), with the year on a second
 * line under the first tick and wherever the year changes.
 */
function dayTicks(splits: number[], increment: number): string[] {
  let lastYear: number | null = null;
  return splits.map((seconds) => {
    const date = new Date(seconds * 1000);
    const year = date.getUTCFullYear();
    const label = (increment >= 28 * DAY ? monthOnly : dayAndMonth).format(date);
    const withYear = year !== lastYear ? `${label}\n${year}` : label;
    lastYear = year;
    return withYear;
  });
}

/** Whole days and up: a meet over two days must not get hourly ticks that all read the same day. */
const DAY_INCREMENTS = [1, 2, 7, 14, 30, 60, 90, 180, 365, 730, 1825].map((days) => days * DAY);

export interface ProgressionCanvasProps {
  columns: PlotColumns;
  /** The day (index into columns.days) under the finger or pointer. */
  onPick(dayIndex: number): void;
}

export default function ProgressionCanvas({ columns, onPick }: ProgressionCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      options(columns, element.clientWidth, (index) => pick.current(index)),
      data(columns),
      element,
    );
    let width = element.clientWidth;
    const resized = new ResizeObserver(() => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      plot.setSize({ width, height: HEIGHT });
    });
    resized.observe(element);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [columns]);

  return <div ref={box} className="progression-canvas" aria-hidden="true" data-testid="progression-canvas" />;
}

function data(columns: PlotColumns): uPlot.AlignedData {
  return [columns.xs, ...columns.byCourse.flatMap((line) => [line.ys, line.bestYs])];
}

function options(columns: PlotColumns, width: number, onPick: (index: number) => void): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    // Days are stored as UTC midnights: place the ticks in UTC too, or east of Greenwich they read a day early.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
    legend: { show: false }, // the page draws its own, in HTML that wraps on a phone
    cursor: {
      drag: { x: false, y: false, setScale: false }, // a finger dragging over the chart scrolls the page
      y: false,
      points: { size: 12, width: 2 },
    },
    scales: {
      x: {
        time: true,
        range: (_plot, min, max) => {
          // A lone swim or one meet: widen to a month so the point sits in the middle, not on an edge.
          const span = Math.max(max - min, 30 * DAY);
          const pad = (span - (max - min)) / 2 + span * 0.06;
          return [min - pad, max + pad];
        },
      },
      y: {
        range: (_plot, min, max) => {
          // Room above and below the points; a lone swim gets ±2 % of its time.
          const span = max - min || min * 0.04 || 1;
          return [min - span * 0.2, max + span * 0.2];
        },
      },
    },
    axes: [
      {
        font: FONT,
        stroke: TEXT,
        space: 64,
        incrs: DAY_INCREMENTS,
        size: 52,
        values: (_plot, splits, _axis, _space, increment) => dayTicks(splits, increment),
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
      },
      {
        font: FONT,
        labelFont: `600 ${FONT}`,
        stroke: TEXT,
        label: "Time · faster is lower",
        labelSize: 20,
        labelGap: 4,
        size: 74,
        space: 34,
        values: (_plot, splits) => splits.map((seconds) => formatSwimTime(Math.round(seconds * 1000))),
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
      },
    ],
    series: [
      {},
      ...columns.byCourse.flatMap(({ course }): uPlot.Series[] => {
        const style = COURSE_STYLES[course];
        return [
          {
            label: COURSE_LABELS[course],
            stroke: style.color,
            width: 2.5,
            dash: style.dash,
            spanGaps: true, // a pool swum on some days only is still one line
            points: { show: true, size: 10, width: 2, stroke: style.color, fill: "#ffffff" },
          },
          {
            label: `Personal best, ${COURSE_LABELS[course]}`,
            stroke: BEST_MARK.ring,
            paths: () => null,
            points: { show: true, size: 15, width: 2.5, stroke: BEST_MARK.ring, fill: BEST_MARK.fill },
          },
        ];
      }),
    ],
    hooks: {
      setCursor: [
        (plot) => {
          const index = plot.cursor.idx;
          if (index !== null && index !== undefined) onPick(index);
        },
      ],
    },
  };
}
