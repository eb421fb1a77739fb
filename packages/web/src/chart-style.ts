/**
 * How each pool's line looks on the progression chart and in its legend: a colour with at least 4.5:1
 * contrast on white and a dash pattern of its own, so the lines tell apart without colour too.
 */
import type { CourseKey } from "./chart-data.ts";

export interface LineStyle {
  color: string;
  /** Canvas dash pattern in px; empty for a solid line. */
  dash: number[];
}

export const COURSE_STYLES: Record<CourseKey, LineStyle> = {
  SCM: { color: "#0b62a4", dash: [] },
  LCM: { color: "#a33f00", dash: [9, 5] },
  SCY: { color: "#6b3fa0", dash: [2, 4] },
  unknown: { color: "#4a5560", dash: [9, 3, 2, 3] },
};

/** The personal best mark: a gold disc ringed in near-black, larger than the other points. */
export const BEST_MARK = { fill: "#ffcf4d", ring: "#14202b" } as const;
