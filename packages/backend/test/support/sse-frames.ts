/** Reads a text/event-stream body frame by frame, as a browser would, for tests that check the wire. */
import type { BatchEvent } from "@splitstream/shared";

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

/** Splits complete frames off a buffer; returns the frames and what is left over. */
export function parseFrames(buffer: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  let rest = buffer;
  for (let end = rest.indexOf("\n\n"); end !== -1; end = rest.indexOf("\n\n")) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const frame: SseFrame = {};
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) frame.comment = line.slice(1).trim();
      else if (line.startsWith("id: ")) frame.id = line.slice(4);
      else if (line.startsWith("event: ")) frame.event = line.slice(7);
      else if (line.startsWith("data: "))
        frame.data = frame.data === undefined ? line.slice(6) : `${frame.data}\n${line.slice(6)}`;
      else if (line.startsWith("retry: ")) frame.retry = Number(line.slice(7));
    }
    frames.push(frame);
  }
  return { frames, rest };
}

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private queue: SseFrame[] = [];
  ended = false;

  constructor(response: Response) {
    if (!response.body) throw new Error("the response has no body");
    this.reader = response.body.getReader();
  }

  /** The next frame (events, comments and retry hints alike), or null once the server ends the stream. */
  async next(timeoutMs = 10_000): Promise<SseFrame | null> {
    while (this.queue.length === 0) {
      if (this.ended) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no SSE frame within ${timeoutMs} ms`)), timeoutMs);
      });
      const { done, value } = await Promise.race([this.reader.read(), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (done) this.ended = true;
      else this.buffer += this.decoder.decode(value, { stream: true });
      const parsed = parseFrames(this.buffer);
      this.buffer = parsed.rest;
      this.queue.push(...parsed.frames);
    }
    return this.queue.shift() ?? null;
  }

  /** The next frame that carries an event (skipping heartbeats and retry hints), or null at the end. */
  async nextEvent(timeoutMs?: number): Promise<{ frame: SseFrame; event: BatchEvent } | null> {
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (!frame) return null;
      if (frame.data !== undefined) return { frame, event: JSON.parse(frame.data) as BatchEvent };
    }
  }

  /** Every remaining event until the server ends the stream. */
  async rest(timeoutMs?: number): Promise<Array<{ frame: SseFrame; event: BatchEvent }>> {
    const events: Array<{ frame: SseFrame; event: BatchEvent }> = [];
    for (let next = await this.nextEvent(timeoutMs); next; next = await this.nextEvent(timeoutMs))
      events.push(next);
    return events;
  }

  /** Hangs up, as a closed tab does. */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}
