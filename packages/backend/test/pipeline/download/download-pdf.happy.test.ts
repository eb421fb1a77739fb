/**
 * The download engine fetching PDFs that it should accept. Every site here is a real HTTP server on
 * 127.0.0.1 started by the test, standing in for a remote meet site (hence allowPrivate in these tests).
 */
import { readFile, stat } from "node:fs/promises";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { downloadPdf } from "../../../src/pipeline/download/download-pdf.ts";
import { localOptions, makeTempDir, pdfBytes, sha256, startLocalSite } from "./local-site.ts";

describe("downloadPdf, accepted files", () => {
  it("saves a served PDF with its hash, size, final URL and Content-Type, and reports progress", async () => {
    const pdf = pdfBytes(200 * 1024);
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf.length });
      res.end(pdf);
    });
    const temp = await makeTempDir();
    const progress: { receivedBytes: number; totalBytes: number | null }[] = [];

    const file = await downloadPdf(
      `${site.origin}/meets/2026/results.pdf`,
      localOptions(temp.path, { onProgress: (p) => progress.push(p) }),
    );

    expect(file.sha256).toBe(sha256(pdf));
    expect(file.sizeBytes).toBe(pdf.length);
    expect(file.finalUrl).toBe(`${site.origin}/meets/2026/results.pdf`);
    expect(file.contentType).toBe("application/pdf");
    expect(file.path.startsWith(temp.path)).toBe(true);
    expect((await readFile(file.path)).equals(pdf)).toBe(true);
    // Only the owner may read the temporary file.
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect(progress.at(-1)).toEqual({ receivedBytes: pdf.length, totalBytes: pdf.length });
  });

  it("follows a chain of relative and absolute redirects to the PDF", async () => {
    const pdf = pdfBytes();
    const site = await startLocalSite((req, res, self) => {
      if (req.url === "/start") res.writeHead(301, { location: "/moved" }).end();
      else if (req.url === "/moved") res.writeHead(302, { location: `${self.origin}/files/latest` }).end();
      else if (req.url === "/files/latest") res.writeHead(307, { location: "final.pdf" }).end();
      else if (req.url === "/files/final.pdf") res.writeHead(200).end(pdf);
      else res.writeHead(404).end();
    });
    const temp = await makeTempDir();

    const file = await downloadPdf(`${site.origin}/start`, localOptions(temp.path));

    expect(site.requests).toEqual(["/start", "/moved", "/files/latest", "/files/final.pdf"]);
    expect(file.finalUrl).toBe(`${site.origin}/files/final.pdf`);
    expect(file.sha256).toBe(sha256(pdf));
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a PDF sent with Content-Encoding %s (%o)", async (encoding, compress) => {
    const pdf = Buffer.concat([pdfBytes(32 * 1024), Buffer.alloc(256 * 1024, "x")]);
    let acceptEncoding: string | undefined;
    const site = await startLocalSite((req, res) => {
      acceptEncoding = req.headers["accept-encoding"];
      res.writeHead(200, { "content-type": "application/pdf", "content-encoding": encoding });
      res.end(compress(pdf));
    });
    const temp = await makeTempDir();

    const file = await downloadPdf(`${site.origin}/results.pdf`, localOptions(temp.path));

    expect(acceptEncoding).toContain(encoding);
    expect(file.sha256).toBe(sha256(pdf));
    expect(file.sizeBytes).toBe(pdf.length);
    expect((await readFile(file.path)).equals(pdf)).toBe(true);
  });

  it("judges by the bytes, not the Content-Type: a PDF sent as text/html with junk before %PDF- is accepted", async () => {
    const pdf = Buffer.concat([Buffer.alloc(600, " "), pdfBytes()]);
    const site = await startLocalSite((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      // Written in small pieces, so the header is found across chunk boundaries.
      for (let at = 0; at < pdf.length; at += 7) res.write(pdf.subarray(at, at + 7));
      res.end();
    });
    const temp = await makeTempDir();

    const file = await downloadPdf(`${site.origin}/download?id=7`, localOptions(temp.path));

    expect(file.sha256).toBe(sha256(pdf));
    expect(file.contentType).toBe("text/html");
  });

  it("sends its User-Agent", async () => {
    let userAgent: string | undefined;
    const site = await startLocalSite((req, res) => {
      userAgent = req.headers["user-agent"];
      res.end(pdfBytes(100));
    });
    const temp = await makeTempDir();

    await downloadPdf(`${site.origin}/a.pdf`, localOptions(temp.path, { userAgent: "SplitstreamTest/1" }));

    expect(userAgent).toBe("SplitstreamTest/1");
  });
});
