/**
 * The download engine's SSRF guard, with allowPrivate=false as in production. These tests never open a
 * connection outside 127.0.0.0/8: host names resolve only through an injected DNS stand-in (an unmapped
 * name fails the test), and the connect hook, called right before any socket connects, fails the test for
 * a refused host or any address outside loopback. The local servers on 127.0.0.1 stand in for remote
 * meet sites; they count requests, so a test can show a refused URL never reached them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DownloadError, downloadPdf } from "../../../src/pipeline/download/download-pdf.ts";
import {
  fakeDns,
  guardSocketsToLoopback,
  localOptions,
  loopbackOnly,
  makeTempDir,
  noConnect,
  pdfBytes,
  sha256,
  startLocalSite,
} from "./local-site.ts";

// Belt and braces: even if the code under test stopped pinning its connections, no socket leaves loopback.
let socketGuard: ReturnType<typeof guardSocketsToLoopback>;
beforeAll(() => {
  socketGuard = guardSocketsToLoopback();
});
afterAll(() => {
  socketGuard.remove();
  expect(socketGuard.refused).toEqual([]);
});

async function blockedError(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(error)}`);
  expect(error.code).toBe("BLOCKED_URL");
  expect(error.retryable).toBe(false);
  return error;
}

/** Production settings, plus a DNS that knows no names and a connect hook that fails the test. */
async function guardedOptions(overrides: Parameters<typeof localOptions>[1] = {}) {
  const temp = await makeTempDir();
  return localOptions(temp.path, {
    allowPrivate: false,
    lookup: fakeDns({}),
    connect: noConnect,
    ...overrides,
  });
}

describe("downloadPdf refuses internal addresses written into the URL", () => {
  it("refuses a literal loopback URL without contacting the server listening there", async () => {
    const site = await startLocalSite((_req, res) => res.end(pdfBytes(10)));

    const error = await blockedError(downloadPdf(`${site.origin}/results.pdf`, await guardedOptions()));

    expect(error.message).toContain("a loopback address (127.0.0.1)");
    expect(error.message).toContain("Use a public link");
    expect(site.requests).toEqual([]);
  });

  it.each([
    ["http://10.1.2.3/results.pdf", "a private network address (10.1.2.3)"],
    ["http://192.168.1.20/results.pdf", "a private network address"],
    ["http://172.20.0.1/results.pdf", "a private network address"],
    ["http://169.254.169.254/latest/meta-data/", "the cloud metadata service (169.254.169.254)"],
    ["http://169.254.10.1/", "a link-local address"],
    ["http://100.64.0.1/", "a carrier-grade NAT address"],
    ["http://0.0.0.0/", "an unspecified address"],
    ["http://224.0.0.1/", "a multicast address"],
    ["http://[::1]/results.pdf", "a loopback address (::1)"],
    ["http://[::]/", "an unspecified address"],
    ["http://[fe80::1]/", "a link-local address"],
    ["http://[fd12:3456::1]/", "a unique-local (private) address"],
    ["http://[fd00:ec2::254]/latest/meta-data/", "the cloud metadata service"],
    ["http://[ff02::1]/", "a multicast address"],
    // IPv4 addresses dressed as IPv6.
    ["http://[::ffff:127.0.0.1]/", "a loopback address"],
    ["http://[::ffff:a9fe:a9fe]/", "the cloud metadata service"],
    ["http://[::ffff:10.0.0.5]/", "a private network address"],
    ["http://[64:ff9b::a00:5]/", "a private network address"],
    // Spellings of 127.0.0.1 that naive string checks miss: decimal, octal, hex, short forms.
    ["http://2130706433/results.pdf", "a loopback address (127.0.0.1)"],
    ["http://0177.0.0.1/results.pdf", "a loopback address (127.0.0.1)"],
    ["http://0x7f.0.0.1/results.pdf", "a loopback address (127.0.0.1)"],
    ["http://0x7f000001/results.pdf", "a loopback address (127.0.0.1)"],
    ["http://127.1/results.pdf", "a loopback address (127.0.0.1)"],
    ["http://2852039166/", "the cloud metadata service (169.254.169.254)"],
    ["https://10.0.0.1:8443/results.pdf", "a private network address"],
  ])("refuses %s", async (url, reason) => {
    const dnsCalls: string[] = [];

    const error = await blockedError(
      downloadPdf(url, await guardedOptions({ lookup: fakeDns({}, dnsCalls) })),
    );

    expect(error.message).toContain(reason);
    expect(dnsCalls).toEqual([]);
  });

  it("refuses localhost names without asking DNS", async () => {
    const error = await blockedError(downloadPdf("http://localhost:3000/x.pdf", await guardedOptions()));
    expect(error.message).toContain("a loopback name");
    await blockedError(downloadPdf("http://api.localhost/x.pdf", await guardedOptions()));
  });

  it("refuses schemes other than http and https", async () => {
    await blockedError(downloadPdf("file:///etc/passwd", await guardedOptions()));
    await blockedError(downloadPdf("ftp://meets.example.test/results.pdf", await guardedOptions()));
  });
});

describe("downloadPdf refuses host names that resolve to internal addresses", () => {
  it("refuses a name the DNS maps to 10.0.0.5, never reaching the connect hook", async () => {
    const dnsCalls: string[] = [];
    const options = await guardedOptions({
      lookup: fakeDns({ "intranet.example.test": "10.0.0.5" }, dnsCalls),
    });

    const error = await blockedError(downloadPdf("http://intranet.example.test/results.pdf", options));

    expect(error.message).toContain("a private network address (10.0.0.5)");
    expect(dnsCalls).toEqual(["intranet.example.test"]);
  });

  it.each([
    ["a private address among public ones", ["203.0.113.10", "10.0.0.5"]],
    ["an IPv4-mapped private IPv6 address", ["::ffff:10.0.0.5"]],
    ["the IPv6 metadata address", ["fd00:ec2::254"]],
    ["IPv6 loopback", ["::1"]],
  ])("refuses a name that resolves to %s", async (_label, addresses) => {
    const options = await guardedOptions({ lookup: fakeDns({ "mixed.example.test": addresses }) });
    await blockedError(downloadPdf("http://mixed.example.test/results.pdf", options));
  });
});

describe("downloadPdf checks every redirect", () => {
  /**
   * `meets.example.test` stands for a public meet site: the DNS stand-in gives it a documentation address
   * (203.0.113.10, routed nowhere), which the policy allows, and connectAddressOverride sends the socket to
   * the local server on 127.0.0.1 instead. The policy only ever judges the looked-up address.
   */
  async function publicLookingSite(location: (origin: string) => string) {
    const pdf = pdfBytes();
    const site = await startLocalSite((req, res) => {
      if (req.url === "/results.pdf")
        res.writeHead(302, { location: location(`http://127.0.0.1:${site.port}`) }).end();
      else if (req.url === "/other.pdf") res.end(pdf);
      else res.writeHead(404).end();
    });
    const dnsCalls: string[] = [];
    const connects: string[] = [];
    const options = await guardedOptions({
      lookup: fakeDns(
        {
          "meets.example.test": "203.0.113.10",
          "mirror.example.test": "203.0.113.11",
          "internal.example.test": "10.0.0.5",
          "rebind.example.test": "192.168.0.10",
        },
        dnsCalls,
      ),
      connectAddressOverride: ({ address }) => (address.startsWith("203.0.113.") ? "127.0.0.1" : address),
      connect: loopbackOnly(connects),
    });
    return {
      pdf,
      site,
      options,
      dnsCalls,
      connects,
      start: `http://meets.example.test:${site.port}/results.pdf`,
    };
  }

  it("follows a redirect to another public host (the control: the setup itself works)", async () => {
    const { pdf, site, options, connects, start } = await publicLookingSite(
      () => `http://mirror.example.test:${site.port}/other.pdf`,
    );

    const file = await downloadPdf(start, options);

    expect(file.sha256).toBe(sha256(pdf));
    expect(file.finalUrl).toBe(`http://mirror.example.test:${site.port}/other.pdf`);
    expect(connects).toEqual([`127.0.0.1:${site.port}`, `127.0.0.1:${site.port}`]);
  });

  it.each([
    ["a name that resolves to 10.0.0.5", () => "http://internal.example.test/admin", "(10.0.0.5)"],
    ["a name that resolves to 192.168.0.10", () => "http://rebind.example.test/", "(192.168.0.10)"],
    ["the metadata service", () => "http://169.254.169.254/latest/meta-data/iam/", "cloud metadata"],
    ["IPv6 loopback", () => "http://[::1]/", "(::1)"],
    [
      "the local server itself, by its loopback address",
      (origin: string) => `${origin}/other.pdf`,
      "(127.0.0.1)",
    ],
  ])("refuses a redirect from an allowed host to %s", async (_label, location, reason) => {
    const { site, options, connects, start } = await publicLookingSite(location);

    const error = await blockedError(downloadPdf(start, options));

    expect(error.message).toContain("redirected from");
    expect(error.message).toContain(reason);
    // Only the first hop connected (to the local server); the redirect target was never contacted.
    expect(connects).toEqual([`127.0.0.1:${site.port}`]);
    expect(site.requests).toEqual(["/results.pdf"]);
  });

  it("looks each host up once: the connection uses the checked answer, not a second lookup", async () => {
    const { site, options, dnsCalls, start } = await publicLookingSite(
      () => `http://mirror.example.test:${site.port}/other.pdf`,
    );

    await downloadPdf(start, options);

    // A second lookup at connect time is where DNS rebinding would swap in an internal address.
    expect(dnsCalls).toEqual(["meets.example.test", "mirror.example.test"]);
  });
});

describe("downloadPdf with allowPrivate (ALLOW_PRIVATE_URLS=true)", () => {
  it("downloads from a loopback address", async () => {
    const pdf = pdfBytes();
    const site = await startLocalSite((_req, res) => res.end(pdf));
    const temp = await makeTempDir();

    const file = await downloadPdf(
      `${site.origin}/results.pdf`,
      localOptions(temp.path, { allowPrivate: true }),
    );

    expect(file.sha256).toBe(sha256(pdf));
  });
});
