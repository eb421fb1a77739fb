/**
 * A local HTTP server on 127.0.0.1 that stands in for a meet host's web site in tests (the real ones are
 * out of reach): it serves PDFs, fails on purpose, and counts requests.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Responder = (attempt: number) => {
  status: number;
  body?: Uint8Array | string;
  headers?: Record<string, string>;
  delayMs?: number;
};

export interface LocalMeetServer {
  url(path: string): string;
  route(path: string, responder: Responder): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startLocalMeetServer(): Promise<LocalMeetServer> {
  const routes = new Map<string, Responder>();
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const attempt = (counts.get(path) ?? 0) + 1;
    counts.set(path, attempt);
    const responder = routes.get(path);
    if (!responder) {
      res.writeHead(404).end("not found");
      return;
    }
    const reply = responder(attempt);
    setTimeout(() => {
      res.writeHead(reply.status, reply.headers ?? { "content-type": "application/pdf" });
      res.end(reply.body ?? "");
    }, reply.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, responder) => routes.set(path, responder),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
