/**
 * The download engine's failures: each maps to a job error code, says whether a retry may help, and leaves
 * no temporary file behind. Every site here is a real HTTP server on 127.0.0.1 started by the test,
 * standing in for a remote meet site (hence allowPrivate in these tests).
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DownloadError, downloadPdf } from "../../../src/pipeline/download/download-pdf.ts";
import { parseRetryAfter } from "../../../src/pipeline/download/http-failure.ts";
import { deadPort, fakeDns, localOptions, makeTempDir, pdfBytes, startLocalSite } from "./local-site.ts";

async function downloadError(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(error)}`);
  return error;
}

describe("downloadPdf, HTTP answers", () => {
  it("gives up after 5 redirects with a clear, non-retryable error", async () => {
    const site = await startLocalSite((req, res) => {
      const hop = Number(req.url?.split("/").pop());
      res.writeHead(302, { location: `/hop/${hop + 1}` }).end();
    });
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/hop/0`, localOptions(temp.path)));

    expect(error.code).toBe("HTTP_ERROR");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("redirected more than 5 times");
    // The first request and 5 followed redirects; the 6th redirect is not followed.
    expect(site.requests).toHaveLength(6);
    expect(await temp.files()).toEqual([]);
  });

  it("honours a smaller maxRedirects", async () => {
    const site = await startLocalSite((req, res) => {
      if (req.url === "/c") res.end(pdfBytes(10));
      else res.writeHead(301, { location: req.url === "/a" ? "/b" : "/c" }).end();
    });
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/a`, localOptions(temp.path, { maxRedirects: 1 })),
    );

    expect(error.message).toContain("more than 1 times");
    expect(site.requests).toEqual(["/a", "/b"]);
  });

  it("refuses a redirect to a scheme other than http and https", async () => {
    const site = await startLocalSite((_req, res) =>
      res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    );
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/a`, localOptions(temp.path)));

    expect(error.code).toBe("BLOCKED_URL");
    expect(error.message).toContain("only http and https");
  });

  it("reports 404 as a non-retryable HTTP_ERROR a person can act on", async () => {
    const site = await startLocalSite((_req, res) => res.writeHead(404).end("gone"));
    const temp = await makeTempDir();
    const url = `${site.origin}/missing.pdf`;

    const error = await downloadError(downloadPdf(url, localOptions(temp.path)));

    expect(error.code).toBe("HTTP_ERROR");
    expect(error.httpStatus).toBe(404);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`The server answered 404 Not Found for ${url}`);
    expect(error.message).toContain("Check the link");
  });

  it("reports 403 with the advice to upload the file instead", async () => {
    const site = await startLocalSite((_req, res) => res.writeHead(403).end());
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/private.pdf`, localOptions(temp.path)));

    expect(error.httpStatus).toBe(403);
    expect(error.message).toContain("upload the PDF instead");
  });

  it("reports 500 as a retryable HTTP_ERROR", async () => {
    const site = await startLocalSite((_req, res) => res.writeHead(500).end("boom"));
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/results.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("HTTP_ERROR");
    expect(error.httpStatus).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("500 Internal Server Error");
    expect(await temp.files()).toEqual([]);
  });

  it("reports 429 as RATE_LIMIT with the Retry-After delay", async () => {
    const site = await startLocalSite((_req, res) => res.writeHead(429, { "retry-after": "7" }).end());
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/results.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("RATE_LIMIT");
    expect(error.httpStatus).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("downloadPdf, network and time", () => {
  it("times out on a server that starts the body and stalls", async () => {
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-length": 100_000 });
      res.write(pdfBytes(1000));
    });
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/slow.pdf`, localOptions(temp.path, { totalTimeoutMs: 300 })),
    );

    expect(error.code).toBe("TIMEOUT");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("did not finish within 300 ms");
    expect(await temp.files()).toEqual([]);
  });

  it("times out on a server that accepts the connection and never answers", async () => {
    const site = await startLocalSite(() => {});
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/silent.pdf`, localOptions(temp.path, { totalTimeoutMs: 300 })),
    );

    expect(error.code).toBe("TIMEOUT");
    expect(site.requests).toEqual(["/silent.pdf"]);
  });

  it("applies the connect timeout to a host name that does not resolve in time", async () => {
    const temp = await makeTempDir();
    const error = await downloadError(
      downloadPdf(
        "http://hanging-dns.example.test/results.pdf",
        localOptions(temp.path, { connectTimeoutMs: 200, lookup: () => {} }),
      ),
    );

    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toContain("Could not connect");
    expect(error.message).toContain("200 ms");
  });

  it("reports a refused connection as a retryable NETWORK_ERROR", async () => {
    const port = await deadPort();
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`http://127.0.0.1:${port}/results.pdf`, localOptions(temp.path)),
    );

    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("refused the connection");
  });

  it("reports a failed DNS lookup as a retryable NETWORK_ERROR", async () => {
    const temp = await makeTempDir();
    const error = await downloadError(
      downloadPdf(
        "http://no-such-meet.example.test/results.pdf",
        localOptions(temp.path, {
          lookup: (hostname, _options, callback) =>
            process.nextTick(() =>
              callback(
                Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }),
                "",
              ),
            ),
        }),
      ),
    );

    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("could not be found");
  });

  it("reports a connection reset mid-body as NETWORK_ERROR and deletes the partial file", async () => {
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-length": 100_000 });
      res.write(pdfBytes(1000), () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/results.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.retryable).toBe(true);
    expect(await temp.files()).toEqual([]);
  });

  it("rejects with an AbortError and deletes the partial file when aborted mid-body", async () => {
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-length": 1_000_000 });
      res.write(pdfBytes(4000));
    });
    const temp = await makeTempDir();
    const controller = new AbortController();
    let received = 0;

    const error = await downloadPdf(
      `${site.origin}/results.pdf`,
      localOptions(temp.path, {
        signal: controller.signal,
        onProgress: ({ receivedBytes }) => {
          received = receivedBytes;
          controller.abort(new Error("the batch was cancelled"));
        },
      }),
    ).catch((reason: unknown) => reason);

    expect(received).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("AbortError");
    expect(await temp.files()).toEqual([]);
  });

  it("rejects with an AbortError at once when the signal is already aborted", async () => {
    const site = await startLocalSite((_req, res) => res.end(pdfBytes(10)));
    const temp = await makeTempDir();

    const error = await downloadPdf(
      `${site.origin}/results.pdf`,
      localOptions(temp.path, { signal: AbortSignal.abort() }),
    ).catch((reason: unknown) => reason);

    expect((error as Error).name).toBe("AbortError");
    expect(site.requests).toEqual([]);
  });
});

describe("downloadPdf, size and content", () => {
  it("refuses a Content-Length over the limit without reading the body", async () => {
    let clientClosed = false;
    const site = await startLocalSite((req, res) => {
      req.socket.on("close", () => {
        clientClosed = true;
      });
      res.writeHead(200, { "content-length": 5_000_000 });
      // Only the start is sent: a downloader that waited for the body would time out instead.
      res.write(pdfBytes(100));
    });
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/huge.pdf`, localOptions(temp.path, { maxBytes: 1_000_000 })),
    );

    expect(error.code).toBe("TOO_LARGE");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("1 MB limit");
    expect(await temp.files()).toEqual([]);
    await expect.poll(() => clientClosed).toBe(true);
  });

  it("stops a chunked body once it passes the limit and deletes the partial file", async () => {
    let written = 0;
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf" });
      const chunk = pdfBytes(64 * 1024);
      const pump = () => {
        // Stops by itself after 20 MB, far past the limit, so a downloader that ignores the limit fails.
        while (written < 20_000_000 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/endless.pdf`, localOptions(temp.path, { maxBytes: 512 * 1024 })),
    );

    expect(error.code).toBe("TOO_LARGE");
    expect(await temp.files()).toEqual([]);
    expect(written).toBeLessThan(20_000_000);
  });

  it("counts decoded bytes, so a small gzip that inflates past the limit is TOO_LARGE", async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(8_000_000)]));
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    const temp = await makeTempDir();

    const error = await downloadError(
      downloadPdf(`${site.origin}/bomb.pdf`, localOptions(temp.path, { maxBytes: 1_000_000 })),
    );

    expect(bomb.length).toBeLessThan(1_000_000);
    expect(error.code).toBe("TOO_LARGE");
    expect(await temp.files()).toEqual([]);
  });

  it("refuses an HTML page served as application/pdf with NOT_PDF", async () => {
    const html = `<!DOCTYPE html><html><body>${"<p>Results coming soon</p>".repeat(5000)}</body></html>`;
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf" });
      res.end(html);
    });
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/results.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NOT_PDF");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("sent a web page, not a PDF");
    expect(await temp.files()).toEqual([]);
  });

  it("refuses a file whose %PDF- header starts after the first 1024 bytes", async () => {
    const site = await startLocalSite((_req, res) =>
      res.end(Buffer.concat([Buffer.alloc(1024, " "), pdfBytes()])),
    );
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/late.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NOT_PDF");
  });

  it("refuses an empty body with NOT_PDF", async () => {
    const site = await startLocalSite((_req, res) =>
      res.writeHead(200, { "content-type": "application/pdf" }).end(),
    );
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/empty.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NOT_PDF");
    expect(error.message).toContain("empty");
  });

  it("refuses a Content-Encoding it cannot decode with NOT_PDF", async () => {
    const site = await startLocalSite((_req, res) =>
      res.writeHead(200, { "content-encoding": "zstd" }).end("x"),
    );
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/a.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NOT_PDF");
    expect(error.message).toContain("zstd");
  });

  it("reports a damaged gzip body as NETWORK_ERROR and deletes the partial file", async () => {
    const gz = gzipSync(pdfBytes(50_000));
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip" });
      res.end(Buffer.concat([gz.subarray(0, 2000), Buffer.alloc(2000, 0xff)]));
    });
    const temp = await makeTempDir();

    const error = await downloadError(downloadPdf(`${site.origin}/a.pdf`, localOptions(temp.path)));

    expect(error.code).toBe("NETWORK_ERROR");
    expect(await temp.files()).toEqual([]);
  });

  it("refuses a URL that is not a web address", async () => {
    const temp = await makeTempDir();
    const error = await downloadError(
      downloadPdf("results.pdf", localOptions(temp.path, { lookup: fakeDns({}) })),
    );
    expect(error.code).toBe("BLOCKED_URL");
  });
});
