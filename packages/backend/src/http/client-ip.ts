/** The address of the client that sent a request (the socket's peer; proxies' headers are not trusted). */
import type { Context } from "hono";

export function clientIp(c: Context): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
