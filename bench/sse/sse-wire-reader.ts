/**
 * The smallest reader of an HTTP/1.1 event-stream response off a raw socket: status line, headers,
 * chunked transfer coding, and SSE frames split at blank lines. It works on latin1 strings (one char per
 * byte, so chunk sizes add up); the benchmark reads only ASCII fields (`id:`, `event:`, `retry:`).
 */

export interface WireEvents {
  /** The status line and headers are in. */
  onHead(status: number): void;
  /** One SSE frame (its lines, without the blank line that ends it), and when its bytes arrived. */
  onFrame(frame: string, at: number): void;
  /** The server ended the response (the last chunk). */
  onEnd(): void;
}

export class SseWireReader {
  private raw = "";
  private body = "";
  private inHead = true;
  private chunked = false;
  /** Bytes of the current chunk still to come; -1 while waiting for a chunk-size line. */
  private chunkLeft = -1;
  private crlfAfterChunk = false;
  private ended = false;

  constructor(private readonly events: WireEvents) {}

  feed(bytes: Buffer, at: number): void {
    if (this.ended) return;
    this.raw += bytes.toString("latin1");
    if (this.inHead) {
      const end = this.raw.indexOf("\r\n\r\n");
      if (end === -1) return;
      const head = this.raw.slice(0, end);
      this.raw = this.raw.slice(end + 4);
      this.inHead = false;
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      this.events.onHead(Number(head.slice(9, 12)));
    }
    if (this.chunked) this.unchunk();
    else {
      this.body += this.raw;
      this.raw = "";
    }
    // Frames first: the last chunk comes right behind the frame that ends the stream.
    this.frames(at);
    if (this.ended) this.events.onEnd();
  }

  private unchunk(): void {
    let pos = 0;
    const raw = this.raw;
    for (;;) {
      if (this.crlfAfterChunk) {
        if (raw.length - pos < 2) break;
        pos += 2;
        this.crlfAfterChunk = false;
      }
      if (this.chunkLeft === -1) {
        const lineEnd = raw.indexOf("\r\n", pos);
        if (lineEnd === -1) break;
        const size = Number.parseInt(raw.slice(pos, lineEnd), 16);
        pos = lineEnd + 2;
        if (size === 0) {
          this.ended = true;
          this.raw = "";
          return;
        }
        this.chunkLeft = size;
      }
      const take = Math.min(this.chunkLeft, raw.length - pos);
      if (take === 0) break;
      this.body += raw.slice(pos, pos + take);
      pos += take;
      this.chunkLeft -= take;
      if (this.chunkLeft > 0) break;
      this.chunkLeft = -1;
      this.crlfAfterChunk = true;
    }
    this.raw = raw.slice(pos);
  }

  private frames(at: number): void {
    let start = 0;
    const body = this.body;
    for (let end = body.indexOf("\n\n"); end !== -1; end = body.indexOf("\n\n", start)) {
      this.events.onFrame(body.slice(start, end), at);
      start = end + 2;
    }
    this.body = start === 0 ? body : body.slice(start);
  }
}
