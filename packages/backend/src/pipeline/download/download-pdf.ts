/**
 * Downloads one PDF from a URL a user pasted, for the `downloading` stage, without letting that URL reach
 * anything it should not.
 *
 * - SSRF: every hop's host is resolved and all its addresses are checked by `address-policy.ts` before any
 *   connection (private, loopback, link-local, unique-local, CGNAT, multicast, metadata, IPv4-mapped forms,
 *   literal IPs in any spelling) unless `allowPrivate`. The socket then connects to exactly the checked
 *   address (`pinned-lookup.ts`), so DNS rebinding between check and connect cannot redirect it. Redirects
 *   (at most `maxRedirects`, default 5; relative Locations; http/https only) are checked the same way.
 * - Body: streamed to a private temporary file in `tempDir` while SHA-256 is computed, decoded from
 *   gzip/deflate/br, stopped past `maxBytes` (also up front from Content-Length), and accepted only when
 *   `%PDF-` appears in its first 1024 bytes, whatever the Content-Type says (`save-body.ts`).
 * - Time: `connectTimeoutMs` covers resolving and connecting each hop, `totalTimeoutMs` the whole download.
 * - Failure: a `DownloadError` with a job error code and `retryable` (`download-error.ts`), or, when
 *   `signal` aborts, an error named "AbortError". The temporary file is deleted on every failure; on
 *   success it belongs to the caller, who deletes it after storing the bytes.
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { join } from "node:path";
import { createAbortError, DownloadError } from "./download-error.ts";
import { httpFailure } from "./http-failure.ts";
import { networkFailure } from "./network-failure.ts";
import { pinnedLookup } from "./pinned-lookup.ts";
import { saveBody } from "./save-body.ts";
import { type VerifiedTarget, verifyTarget } from "./verify-target.ts";

export { DownloadError, type DownloadErrorCode } from "./download-error.ts";

export interface DownloadOptions {
  /** Cancellation and shutdown. */
  signal: AbortSignal;
  /** Per-file limit on the decoded bytes. */
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  /** ALLOW_PRIVATE_URLS: skip the address policy (for self-hosted meet sites on a private network). */
  allowPrivate: boolean;
  /** Where the temporary file goes. */
  tempDir: string;
  onProgress?(progress: { receivedBytes: number; totalBytes: number | null }): void;
  /** DNS used for the check; tests inject one that maps names to chosen addresses. Default: dns.lookup. */
  lookup?: LookupFunction;
  /** Called right before a socket connects, with the address and port it connects to. */
  connect?: (address: string, port: number) => void;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /**
   * TEST SEAM, never set in production: the address the socket really connects to, given the one the policy
   * checked. Tests map a name to a public-looking documentation address (203.0.113.10) so that it passes the
   * check, and connect to their local server on 127.0.0.1 instead, which is how a redirect from an allowed
   * host to a private one can be tested without any connection leaving 127.0.0.0/8. The check itself never
   * sees this function's answer, so production (which leaves it unset) connects only to checked addresses.
   * It applies to host names only; a literal IP in the URL is connected to as written.
   */
  connectAddressOverride?: (target: { hostname: string; address: string; port: number }) => string;
}

export interface DownloadedFile {
  path: string;
  sha256: string;
  sizeBytes: number;
  finalUrl: string;
  contentType: string | null;
}

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = "Splitstream/1.0 (swim meet results importer)";
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export async function downloadPdf(url: string, options: DownloadOptions): Promise<DownloadedFile> {
  if (options.signal.aborted) throw createAbortError(options.signal.reason);
  const total = new AbortController();
  const totalTimer = setTimeout(() => total.abort(new Error("total timeout")), options.totalTimeoutMs);
  const signal = AbortSignal.any([options.signal, total.signal]);
  const path = join(options.tempDir, `splitstream-download-${randomUUID()}.pdf`);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let describe = url;
  try {
    let current = parseStartUrl(url);
    for (let redirects = 0; ; redirects++) {
      const response = await openResponse(current, describe, options, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        const next = parseLocation(location, current, status);
        if (redirects >= maxRedirects) {
          throw new DownloadError(
            "HTTP_ERROR",
            `${url} redirected more than ${maxRedirects} times (the last time to ${next.href}); the link may loop. ` +
              "Open it in a browser and paste the address of the PDF itself.",
            { httpStatus: status, retryable: false },
          );
        }
        current = next;
        describe = `${current.href} (redirected from ${url})`;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw httpFailure(status, header(response.headers["retry-after"]), current.href);
      }
      const body = await saveBody(response, {
        path,
        maxBytes: options.maxBytes,
        signal,
        url: current.href,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      return { path, ...body, finalUrl: current.href, contentType: response.headers["content-type"] ?? null };
    }
  } catch (error) {
    await rm(path, { force: true });
    if (options.signal.aborted) throw createAbortError(options.signal.reason);
    if (total.signal.aborted) {
      throw new DownloadError(
        "TIMEOUT",
        `The download of ${describe} did not finish within ${duration(options.totalTimeoutMs)}.`,
      );
    }
    throw translate(error, describe);
  } finally {
    clearTimeout(totalTimer);
  }
}

/** One hop: check the target, connect to the checked address, and wait for the response headers. */
async function openResponse(
  url: URL,
  describe: string,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const connecting = new AbortController();
  const connectTimer = setTimeout(
    () => connecting.abort(new Error("connect timeout")),
    options.connectTimeoutMs,
  );
  const hopSignal = AbortSignal.any([signal, connecting.signal]);
  try {
    const target = await verifyTarget(url, {
      allowPrivate: options.allowPrivate,
      lookup: options.lookup,
      signal: hopSignal,
      describe,
    });
    const address =
      isIP(target.hostname) === 0 && options.connectAddressOverride
        ? options.connectAddressOverride({
            hostname: target.hostname,
            address: target.address,
            port: target.port,
          })
        : target.address;
    options.connect?.(address, target.port);
    return await request(target, address, options, hopSignal, () => clearTimeout(connectTimer));
  } catch (error) {
    if (connecting.signal.aborted && !signal.aborted) {
      throw new DownloadError(
        "TIMEOUT",
        `Could not connect to the server of ${describe} within ${duration(options.connectTimeoutMs)}.`,
      );
    }
    throw error;
  } finally {
    clearTimeout(connectTimer);
  }
}

function request(
  target: VerifiedTarget,
  address: string,
  options: DownloadOptions,
  signal: AbortSignal,
  onConnected: () => void,
): Promise<IncomingMessage> {
  const secure = target.url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(target.url, {
      method: "GET",
      // No pooled sockets: a reused one could have been connected for another request's checked address.
      agent: false,
      lookup: pinnedLookup(address, isIP(address) === 6 ? 6 : 4),
      headers: {
        "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
        accept: "application/pdf, */*;q=0.8",
        "accept-encoding": "gzip, deflate, br",
      },
      signal,
    });
    req.once("socket", (socket) => socket.once(secure ? "secureConnect" : "connect", onConnected));
    req.once("response", resolve);
    // Stays attached after the response: a later socket error must not become an unhandled 'error'.
    req.on("error", reject);
    req.end();
  });
}

function parseStartUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new DownloadError("BLOCKED_URL", `${url} is not a valid web address.`);
  }
}

function parseLocation(location: string, base: URL, status: number): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new DownloadError(
      "HTTP_ERROR",
      `${base.href} redirected to "${location}", which is not a valid web address.`,
      { httpStatus: status, retryable: false },
    );
  }
}

/** Errors that carry a system code (DNS, socket, TLS, zlib) are network failures; anything else is a bug. */
function translate(error: unknown, describe: string): unknown {
  if (error instanceof DownloadError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? networkFailure(error, describe) : error;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
