/** Serves an app on a real loopback socket, so a test reads the stream as a browser would: over TCP. */
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";

interface Fetchable {
  fetch: (request: Request) => Response | Promise<Response>;
}

export async function serveOnLoopback(app: Fetchable) {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Like `app.request`, but through the socket. */
    request: (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init),
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
