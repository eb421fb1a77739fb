/**
 * Streams a multipart upload to temporary files, hashing SHA-256 as the bytes arrive, so no file is ever
 * held in memory. Stops at the per-file limit without reading further, and removes every temporary file
 * when anything fails or the client goes away.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ApiError } from "../http/api-error.ts";

export interface ReceivedFile {
  fileName: string;
  path: string;
  sha256: string;
  sizeBytes: number;
}

export interface ReceivedForm {
  fields: Map<string, string[]>;
  files: ReceivedFile[];
  /** Removes the temporary files; safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** The directory the upload's temporary folder is made in. */
  tempDir: string;
}

const PDF_MAGIC = Buffer.from("%PDF-");
/** Readers accept a little junk before the header; so do we. */
const MAGIC_WINDOW = 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export async function receiveMultipart(request: Request, limits: MultipartLimits): Promise<ReceivedForm> {
  if (!request.body) throw new ApiError("MALFORMED_MULTIPART", "The upload has no body.");
  const dir = await mkdtemp(join(limits.tempDir, "splitstream-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields = new Map<string, string[]>();
  const files: ReceivedFile[] = [];
  const source = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fieldSize: MAX_FIELD_BYTES,
        fields: 500,
      },
    });
  } catch (error) {
    await cleanup();
    throw new ApiError(
      "MALFORMED_MULTIPART",
      `The upload is not valid multipart/form-data (${(error as Error).message}).`,
    );
  }

  try {
    await new Promise<void>((resolve, reject) => {
      const pending: Promise<void>[] = [];
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        source.unpipe(parser);
        source.destroy();
        reject(error);
      };

      parser.on("field", (name, value, info) => {
        if (info.valueTruncated)
          return fail(new ApiError("VALIDATION_FAILED", `The field "${name}" is too long.`));
        const list = fields.get(name) ?? [];
        list.push(value);
        fields.set(name, list);
      });
      parser.on("file", (name, stream, info) => {
        if (name !== "files") {
          stream.resume();
          return fail(
            new ApiError("VALIDATION_FAILED", `Unexpected file field "${name}": send PDFs as "files".`),
          );
        }
        const fileName = info.filename || `upload-${files.length + 1}.pdf`;
        const path = join(dir, `${files.length}-${pending.length}.pdf`);
        pending.push(
          receiveFile(stream, path, fileName, limits.maxFileBytes).then(
            (file) => {
              files.push(file);
            },
            (error) => fail(error),
          ),
        );
      });
      parser.on("filesLimit", () =>
        fail(new ApiError("VALIDATION_FAILED", `At most ${limits.maxFiles} files can be sent in one batch.`)),
      );
      parser.on("error", (error) =>
        fail(
          new ApiError(
            "MALFORMED_MULTIPART",
            `The upload is not valid multipart/form-data (${(error as Error).message}).`,
          ),
        ),
      );
      parser.on("close", () => {
        Promise.all(pending).then(() => {
          if (!failed) resolve();
        }, fail);
      });
      source.on("error", () =>
        fail(new ApiError("MALFORMED_MULTIPART", "The upload was interrupted before it finished.")),
      );
      source.pipe(parser);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  // Keep the files in the order they were sent.
  files.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
  return { fields, files, cleanup };
}

async function receiveFile(
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  path: string,
  fileName: string,
  maxFileBytes: number,
): Promise<ReceivedFile> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  let head = Buffer.alloc(0);
  let magicChecked = false;
  const inspect = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sizeBytes += chunk.length;
      hash.update(chunk);
      if (!magicChecked) {
        head = Buffer.concat([head, chunk.subarray(0, MAGIC_WINDOW)]).subarray(0, MAGIC_WINDOW);
        if (head.includes(PDF_MAGIC)) magicChecked = true;
        else if (head.length >= MAGIC_WINDOW) return callback(notPdf(fileName));
      }
      callback(null, chunk);
    },
  });
  let tooLarge = false;
  stream.on("limit", () => {
    tooLarge = true;
    inspect.destroy(
      new ApiError("TOO_LARGE", `"${fileName}" is larger than ${formatMb(maxFileBytes)}.`, { fileName }),
    );
  });
  await pipeline(stream, inspect, createWriteStream(path));
  if (tooLarge || stream.truncated)
    throw new ApiError("TOO_LARGE", `"${fileName}" is larger than ${formatMb(maxFileBytes)}.`, { fileName });
  if (!magicChecked) throw notPdf(fileName);
  return { fileName, path, sha256: hash.digest("hex"), sizeBytes };
}

function notPdf(fileName: string): ApiError {
  return new ApiError("NOT_PDF", `"${fileName}" is not a PDF (it does not start with %PDF-).`, { fileName });
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
