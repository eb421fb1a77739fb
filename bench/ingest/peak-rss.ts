/**
 * The peak resident memory of another process over a stretch of time: resets the kernel's high-water mark
 * (`5` into /proc/<pid>/clear_refs) and reads VmHWM at the end, and samples VmRSS meanwhile in case the
 * reset is not allowed.
 */
import { readFileSync, writeFileSync } from "node:fs";

const SAMPLE_MS = 10;

export interface RssReading {
  /** MB (2^20 bytes). */
  peakMb: number;
  /** Where the figure came from: VmHWM after a reset, or the highest VmRSS sample. */
  source: "VmHWM" | "VmRSS samples";
}

export function currentRssMb(pid: number): number {
  return statusKb(pid, "VmRSS") / 1024;
}

export class PeakRss {
  private sampledKb = 0;
  private readonly hwmReset: boolean;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.hwmReset = resetHighWaterMark(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): RssReading {
    clearInterval(this.timer);
    this.sample();
    const sampledMb = this.sampledKb / 1024;
    if (!this.hwmReset) return { peakMb: sampledMb, source: "VmRSS samples" };
    return { peakMb: Math.max(statusKb(this.pid, "VmHWM") / 1024, sampledMb), source: "VmHWM" };
  }

  private sample(): void {
    try {
      this.sampledKb = Math.max(this.sampledKb, statusKb(this.pid, "VmRSS"));
    } catch {
      // The process has gone; keep what was seen.
    }
  }
}

function resetHighWaterMark(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}
