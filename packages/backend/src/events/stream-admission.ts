/** Counts this instance's open event streams, in all and per client IP, and refuses those over the limits. */

export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: string };

export class StreamAdmission {
  private readonly perIp = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: { maxPerIp: number; maxTotal: number }) {}

  tryOpen(ip: string): Admission {
    if (this.total >= this.limits.maxTotal)
      return { admitted: false, reason: "This server has too many open event streams; try again shortly." };
    const mine = this.perIp.get(ip) ?? 0;
    if (mine >= this.limits.maxPerIp)
      return {
        admitted: false,
        reason: `Too many open event streams from one address (at most ${this.limits.maxPerIp}).`,
      };
    this.perIp.set(ip, mine + 1);
    this.total += 1;
    let open = true;
    return {
      admitted: true,
      release: () => {
        if (!open) return;
        open = false;
        this.total -= 1;
        const left = (this.perIp.get(ip) ?? 1) - 1;
        if (left === 0) this.perIp.delete(ip);
        else this.perIp.set(ip, left);
      },
    };
  }

  openStreams(ip?: string): number {
    return ip === undefined ? this.total : (this.perIp.get(ip) ?? 0);
  }
}
