/**
 * Counts the SQL statements a server sends to PostgreSQL: a TCP proxy between the server and the
 * database that reads the client's side of the wire protocol (it changes nothing). Every Execute of the
 * extended protocol and every simple Query is one statement; each is named by its SQL text, taken from
 * the Parse of its prepared statement, so a count can be broken down by what was run.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export class StatementCounter {
  private counts = new Map<string, number>();
  /** When each statement since the last reset was sent, in ms after the reset. */
  private timeline: { atMs: number; text: string }[] = [];
  private resetAt = performance.now();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port and forwards every connection to `upstream` (host:port). */
  static async start(upstream: { host: string; port: number }): Promise<StatementCounter> {
    let counter: StatementCounter | undefined;
    const server = createServer((client) => counter?.relay(client, upstream));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("the counting proxy has no port");
    counter = new StatementCounter(server, address.port);
    return counter;
  }

  /** `url` (a postgres:// URL) pointed at this proxy instead of its own host and port. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(this.port);
    return proxied.toString();
  }

  /** Starts counting afresh. */
  reset(): void {
    this.counts = new Map();
    this.timeline = [];
    this.resetAt = performance.now();
  }

  /**
   * Statements since the last reset, by SQL text (whitespace folded), most frequent first, and in the
   * order they were sent with when (ms after the reset).
   */
  snapshot(): {
    total: number;
    byStatement: [text: string, count: number][];
    timeline: { atMs: number; text: string }[];
  } {
    const byStatement = [...this.counts].sort((a, b) => b[1] - a[1]);
    return {
      total: byStatement.reduce((sum, [, count]) => sum + count, 0),
      byStatement,
      timeline: [...this.timeline],
    };
  }

  private record(text: string): void {
    this.counts.set(text, (this.counts.get(text) ?? 0) + 1);
    this.timeline.push({ atMs: performance.now() - this.resetAt, text });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, upstream: { host: string; port: number }): void {
    const server = connect(upstream.port, upstream.host);
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        server.destroy();
      });
    }
    server.pipe(client);
    const reader = new FrontendReader((text) => this.record(text));
    client.on("data", (chunk: Buffer) => {
      reader.push(chunk);
      server.write(chunk);
    });
    client.once("end", () => server.end());
  }
}

/** Reads frontend messages: untyped start-up messages first, then typed ones (1 byte, int32 length). */
class FrontendReader {
  private buffer: Buffer = Buffer.alloc(0);
  private startingUp = true;
  /** Prepared statement name → its SQL text; the unnamed statement is "". */
  private readonly prepared = new Map<string, string>();
  private bound = "";

  constructor(private readonly onStatement: (text: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.startingUp) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        // An SSL or GSS request is answered with one byte and followed by the real start-up message.
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) this.startingUp = false;
        this.buffer = this.buffer.subarray(length);
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      this.read(type, this.buffer.subarray(5, 1 + length));
      this.buffer = this.buffer.subarray(1 + length);
    }
  }

  private read(type: string, body: Buffer): void {
    if (type === "P") {
      const [name, text] = cStrings(body, 2);
      this.prepared.set(name!, fold(text!));
    } else if (type === "B") {
      const [, statement] = cStrings(body, 2);
      this.bound = this.prepared.get(statement!) ?? "(unknown prepared statement)";
    } else if (type === "E") {
      this.onStatement(this.bound);
    } else if (type === "Q") {
      const [text] = cStrings(body, 1);
      this.onStatement(fold(text!));
    }
  }
}

function cStrings(body: Buffer, count: number): string[] {
  const strings: string[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, start);
    strings.push(body.toString("utf8", start, end < 0 ? body.length : end));
    start = end + 1;
  }
  return strings;
}

function fold(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
