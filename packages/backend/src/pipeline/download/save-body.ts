/** Streams an HTTP response body to a file while decoding, hashing, size-limiting and checking the PDF magic. */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { open } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { DownloadError } from "./download-error.ts";

// Acrobat accepts the header anywhere in the first 1024 bytes, so we do too (some servers prepend junk).
const MAGIC = Buffer.from("%PDF-");
const MAGIC_WINDOW = 1024;

export interface SaveBodyOptions {
  path: string;
  maxBytes: number;
  signal: AbortSignal;
  url: string;
  onProgress?: (progress: { receivedBytes: number; totalBytes: number | null }) => void;
}

export async function saveBody(
  response: IncomingMessage,
  options: SaveBodyOptions,
): Promise<{ sha256: string; sizeBytes: number }> {
  try {
    const declared = parseContentLength(response.headers["content-length"]);
    // Refuse before reading a byte: the server told us how big it is.
    if (declared !== null && declared > options.maxBytes) throw tooLarge(options);
    const decoders = decodersFor(response.headers["content-encoding"], options.url);
    // With an encoding, Content-Length counts compressed bytes, which says nothing about progress on the file.
    const inspector = new PdfInspector(options, decoders.length === 0 ? declared : null);
    // Opened before streaming starts, so when the caller deletes the path after a failure there is no
    // pending open that could create the file again behind its back.
    const file = (await open(options.path, "wx", 0o600)).createWriteStream();
    try {
      await pipeline([response, ...decoders, inspector, file], { signal: options.signal });
    } finally {
      if (!file.closed) await once(file, "close").catch(() => undefined);
    }
    return { sha256: inspector.sha256(), sizeBytes: inspector.receivedBytes };
  } finally {
    // Closes the connection when we stop early, so the server stops sending what we will not read.
    response.destroy();
  }
}

/** Counts and hashes the decoded bytes, stops past the limit, and stops early when the start is not a PDF. */
class PdfInspector extends Transform {
  receivedBytes = 0;
  private readonly hash = createHash("sha256");
  private head = Buffer.alloc(0);
  private isPdf = false;

  constructor(
    private readonly options: SaveBodyOptions,
    private readonly totalBytes: number | null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const error = this.inspect(chunk);
    if (error) {
      callback(error);
      return;
    }
    this.hash.update(chunk);
    this.options.onProgress?.({ receivedBytes: this.receivedBytes, totalBytes: this.totalBytes });
    callback(null, chunk);
  }

  private inspect(chunk: Buffer): DownloadError | null {
    this.receivedBytes += chunk.length;
    // Counted after decoding, so a small gzip that inflates past the limit (a zip bomb) stops here too.
    if (this.receivedBytes > this.options.maxBytes) return tooLarge(this.options);
    if (this.isPdf) return null;
    this.head = Buffer.concat([this.head, chunk.subarray(0, MAGIC_WINDOW + MAGIC.length)]);
    const at = this.head.indexOf(MAGIC);
    if (at >= 0 && at < MAGIC_WINDOW) this.isPdf = true;
    // Fail as soon as the window has been seen, rather than download a whole web page first.
    else if (this.head.length >= MAGIC_WINDOW + MAGIC.length - 1) return notPdf(this.head, this.options);
    return null;
  }

  override _flush(callback: TransformCallback): void {
    callback(this.isPdf ? null : notPdf(this.head, this.options));
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}

function decodersFor(header: string | undefined, url: string): Transform[] {
  if (!header) return [];
  // Encodings are listed in the order they were applied, so they are undone from the last one.
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
    .reverse();
  return codings.map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return createGunzip();
    if (coding === "br") return createBrotliDecompress();
    if (coding === "deflate") return new DeflateDecoder();
    throw new DownloadError(
      "NOT_PDF",
      `${url} was sent with the content encoding "${coding}", which Splitstream cannot decode.`,
    );
  });
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate; the first byte tells them
 * apart (a zlib header starts with 0x?8, in practice 0x78).
 */
class DeflateDecoder extends Transform {
  private inner: Transform | null = null;

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      this.inner = (chunk[0]! & 0x0f) === 8 ? createInflate() : createInflateRaw();
      this.inner.on("data", (data: Buffer) => this.push(data));
      this.inner.on("error", (error) => this.destroy(error));
    }
    this.inner.write(chunk, encoding, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      callback();
      return;
    }
    this.inner.once("end", () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

function parseContentLength(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

function tooLarge(options: SaveBodyOptions): DownloadError {
  const limitMb = Math.round((options.maxBytes / (1024 * 1024)) * 10) / 10;
  return new DownloadError("TOO_LARGE", `The file at ${options.url} is larger than the ${limitMb} MB limit.`);
}

function notPdf(head: Buffer, options: SaveBodyOptions): DownloadError {
  if (head.length === 0) return new DownloadError("NOT_PDF", `${options.url} sent an empty file, not a PDF.`);
  const text = head.toString("latin1").toLowerCase();
  const looksLikePage = text.includes("<html") || text.includes("<!doctype");
  return new DownloadError(
    "NOT_PDF",
    looksLikePage
      ? `${options.url} sent a web page, not a PDF. Link to the PDF file itself, not the page that shows it.`
      : `${options.url} did not send a PDF (the file does not start like one).`,
  );
}
