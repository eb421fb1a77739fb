/**
 * Test helpers for the download engine: real HTTP servers on 127.0.0.1 that stand in for remote meet sites,
 * PDF-looking bytes, and download options whose connect hook refuses any address outside 127.0.0.0/8.
 */
import { createHash, randomBytes } from "node:crypto";
import { lookup as dnsLookup } from "node:dns";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP, type LookupFunction, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { DownloadOptions } from "../../../src/pipeline/download/download-pdf.ts";

export interface LocalSite {
  origin: string;
  port: number;
  /** Every request path the site received, in order. */
  requests: string[];
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts a site on 127.0.0.1 (port chosen by the OS), closed with all its connections after the test. */
export async function startLocalSite(
  handler: (req: IncomingMessage, res: ServerResponse, site: LocalSite) => void,
): Promise<LocalSite> {
  const requests: string[] = [];
  const site: LocalSite = { origin: "", port: 0, requests };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res, site);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the test server has no port");
  site.port = address.port;
  site.origin = `http://127.0.0.1:${address.port}`;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return site;
}

/** A port nothing listens on: bound once by the OS, then released. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Bytes that pass the `%PDF-` check, with random content so every test's hash differs. */
export function pdfBytes(size = 64 * 1024): Buffer {
  return Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size), Buffer.from("\n%%EOF\n")]);
}

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A fresh temporary directory for one test, removed afterwards; `files()` lists what is left in it. */
export async function makeTempDir(): Promise<{ path: string; files: () => Promise<string[]> }> {
  const path = await mkdtemp(join(tmpdir(), "splitstream-download-test-"));
  cleanups.push(() => rm(path, { recursive: true, force: true }));
  return { path, files: () => readdir(path) };
}

/** Fails the test if a socket is ever about to connect outside 127.0.0.0/8. */
export function loopbackOnly(connects: string[] = []): (address: string, port: number) => void {
  return (address, port) => {
    connects.push(`${address}:${port}`);
    if (!address.startsWith("127.")) throw new Error(`test tried to connect to ${address}:${port}`);
  };
}

/** Fails the test if a socket is ever about to connect at all. */
export function noConnect(address: string, port: number): void {
  throw new Error(`the connect hook was reached for ${address}:${port}, a host that must be refused`);
}

/** A DNS stand-in: names map to fixed addresses; any other name fails the test instead of reaching real DNS. */
export function fakeDns(table: Record<string, string | string[]>, calls: string[] = []): LookupFunction {
  return (hostname, options, callback) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) throw new Error(`test looked up an unmapped name: ${hostname}`);
    const addresses = (Array.isArray(entry) ? entry : [entry]).map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }));
    process.nextTick(() => {
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Options for a download from a local site: private addresses allowed, connections held to loopback. */
export function localOptions(tempDir: string, overrides: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    signal: new AbortController().signal,
    maxBytes: 1024 * 1024,
    connectTimeoutMs: 2_000,
    totalTimeoutMs: 10_000,
    allowPrivate: true,
    tempDir,
    connect: loopbackOnly(),
    ...overrides,
  };
}

/**
 * A process-wide safety net independent of the code under test: while installed, every socket this
 * process connects must go to 127.0.0.0/8. A literal non-loopback host, or a lookup (the one the code
 * passed, or dns.lookup) that answers with one, fails the connection before it is attempted.
 * Returns the list of refused destinations and a function that removes the net.
 */
export function guardSocketsToLoopback(): { refused: string[]; remove: () => void } {
  const refused: string[] = [];
  const original = Socket.prototype.connect;
  const isLoopback = (address: string) => address.startsWith("127.") || address.startsWith("::ffff:127.");
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    // net.createConnection passes its normalised [options, callback] array as the only argument.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first && typeof first === "object" && "port" in first) {
      const options = first as { host?: string; lookup?: LookupFunction };
      const host = options.host ?? "localhost";
      if (isIP(host) !== 0 && !isLoopback(host)) {
        refused.push(host);
        throw new Error(`test guard: refused a connection to ${host}`);
      }
      const lookup = options.lookup ?? (dnsLookup as LookupFunction);
      options.lookup = (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (error, address, family) => {
          const addresses = typeof address === "string" ? [address] : (address ?? []).map((a) => a.address);
          const outside = addresses.filter((a) => !isLoopback(a));
          if (error || outside.length === 0) return callback(error, address, family);
          refused.push(...outside);
          callback(new Error(`test guard: refused a connection to ${outside.join(", ")}`), "");
        });
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  const remove = () => {
    Socket.prototype.connect = original;
  };
  return { refused, remove };
}
