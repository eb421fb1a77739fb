/**
 * How much of the machine's CPU went to processes that are not this run's (this process, its children and
 * the PostgreSQL backends on the run's database) over a stretch of time: the noise the figures carry.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { BenchScope } from "./bench-scope.ts";

interface Sample {
  machineBusy: number;
  machineTotal: number;
  ours: Map<number, number>;
}

export class OtherLoad {
  private constructor(
    private readonly scope: BenchScope,
    private readonly start: Sample,
  ) {}

  static async begin(scope: BenchScope): Promise<OtherLoad> {
    return new OtherLoad(scope, await sample(scope));
  }

  /** The share of all cores used by other processes, in percent (100 = every core busy with them). */
  async end(): Promise<number> {
    const end = await sample(this.scope);
    const total = end.machineTotal - this.start.machineTotal;
    let ours = 0;
    for (const [pid, ticks] of end.ours) ours += ticks - (this.start.ours.get(pid) ?? 0);
    const busy = end.machineBusy - this.start.machineBusy;
    return total > 0 ? Math.max(0, (100 * (busy - ours)) / total) : 0;
  }
}

async function sample(scope: BenchScope): Promise<Sample> {
  const pids = new Set([...descendantsOf(process.pid), ...(await scope.backendPids())]);
  const ours = new Map<number, number>();
  for (const pid of pids) {
    const ticks = cpuTicks(pid);
    if (ticks !== undefined) ours.set(pid, ticks);
  }
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const machineTotal = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  const machineBusy = machineTotal - fields[3]! - fields[4]!;
  return { machineBusy, machineTotal, ours };
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const ppid = Number(stat[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** utime + stime, and cutime + cstime so that reaped children (sha256sum) still count as ours. */
function cpuTicks(pid: number): number | undefined {
  const stat = readStat(pid);
  // Fields 14-17 of /proc/<pid>/stat, 12-15 after "(comm) ".
  return stat ? stat.slice(11, 15).reduce((sum, field) => sum + Number(field), 0) : undefined;
}

/** The fields after "(comm) " of /proc/<pid>/stat (comm may hold spaces), or undefined if it has gone. */
function readStat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}
