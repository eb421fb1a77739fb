/** Resolves a download URL's host and checks every address against the address policy before any connect. */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { blockedReason, stripBrackets } from "./address-policy.ts";
import { DownloadError } from "./download-error.ts";
import { networkFailure } from "./network-failure.ts";

export interface VerifiedTarget {
  url: URL;
  /** The host name as written in the URL (brackets removed), for the Host header and TLS. */
  hostname: string;
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  port: number;
}

export interface VerifyOptions {
  allowPrivate: boolean;
  lookup: LookupFunction | undefined;
  signal: AbortSignal;
  /** How the URL was reached, for messages: "http://a/ (redirected from http://b/)". */
  describe: string;
}

export async function verifyTarget(url: URL, options: VerifyOptions): Promise<VerifiedTarget> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DownloadError(
      "BLOCKED_URL",
      `${options.describe} uses ${url.protocol.replace(/:$/, "")}:, but only http and https links can be downloaded.`,
    );
  }
  const hostname = stripBrackets(url.hostname);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  // WHATWG URL parsing has already turned decimal, octal and hex IPv4 tricks (2130706433, 0177.1) into
  // dotted quads, so a literal is recognised here whatever its spelling.
  const literalFamily = isIP(hostname);
  if (literalFamily === 4 || literalFamily === 6) {
    refuseIfBlocked(hostname, options);
    return { url, hostname, address: hostname, family: literalFamily, port };
  }
  // RFC 6761: these names are loopback by definition, whatever a resolver says.
  if (!options.allowPrivate && /(^|\.)localhost\.?$/i.test(hostname)) {
    throw blocked(options.describe, `a loopback name (${hostname})`);
  }
  const addresses = await resolveAll(hostname, options);
  // Every answer is checked, not just the first: a name with one public and one private record is refused.
  for (const { address } of addresses) refuseIfBlocked(address, options);
  const first = addresses[0]!;
  return { url, hostname, address: first.address, family: first.family === 6 ? 6 : 4, port };
}

function refuseIfBlocked(address: string, options: VerifyOptions): void {
  if (options.allowPrivate) return;
  const reason = blockedReason(address);
  if (reason) throw blocked(options.describe, reason);
}

function blocked(describe: string, reason: string): DownloadError {
  return new DownloadError(
    "BLOCKED_URL",
    `${describe} points to ${reason}, which Splitstream does not download from. Use a public link to the PDF.`,
  );
}

function resolveAll(hostname: string, options: VerifyOptions): Promise<LookupAddress[]> {
  const lookup = options.lookup ?? (dnsLookup as LookupFunction);
  return new Promise((resolve, reject) => {
    // The caller's signal carries the connect timeout and cancellation; a lookup cannot be interrupted,
    // so its late answer is ignored instead.
    const onAbort = () => reject(options.signal.reason);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener("abort", onAbort, { once: true });
    lookup(hostname, { all: true, verbatim: true }, (error, result, family) => {
      options.signal.removeEventListener("abort", onAbort);
      if (error) return reject(networkFailure(error, options.describe));
      const addresses =
        typeof result === "string" ? [{ address: result, family: family ?? isIP(result) }] : (result ?? []);
      if (addresses.length === 0) {
        return reject(
          new DownloadError(
            "NETWORK_ERROR",
            `The server of ${options.describe} could not be found (no address).`,
          ),
        );
      }
      resolve(addresses);
    });
  });
}
