/** Answers of the typed client checked against the shared zod schemas, and the multipart batch upload with progress. */
import { type BatchWithJobs, batchWithJobsSchema, errorEnvelopeSchema } from "@splitstream/shared";

/** The API's error envelope as a thrown error, so pages can show its code, message and field details. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** Field messages from a VALIDATION_FAILED envelope (`details.issues[].path`), keyed by field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(issues)) return out;
    for (const issue of issues) {
      if (!issue || typeof issue !== "object") continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      if (typeof message !== "string") continue;
      const field = typeof path === "string" ? (path.split(".")[0] ?? "") : "";
      out[field] ??= message;
    }
    return out;
  }
}

/** Turns any non-2xx answer into an ApiRequestError, reading the envelope when there is one. */
export function errorFromResponse(status: number, bodyText: string): ApiRequestError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const envelope = errorEnvelopeSchema.safeParse(json);
  if (envelope.success) {
    const { code, message, details, requestId } = envelope.data.error;
    return new ApiRequestError(status, code, message, details, requestId);
  }
  return new ApiRequestError(
    status,
    status >= 500 ? "INTERNAL" : "BAD_REQUEST",
    `The server answered ${status}.`,
  );
}

/** Anything with zod's `parse` (the web package reaches zod only through packages/shared). */
export interface Parser<T> {
  parse(value: unknown): T;
}

/**
 * A call made with the typed client (api-client.ts), checked like every answer: a non-2xx one becomes an
 * ApiRequestError from its envelope, and a 2xx one reaches the UI only once the shared schema accepts it.
 */
export async function readApi<T>(call: Promise<Response>, schema: Parser<T>): Promise<T> {
  const res = await call;
  const text = await res.text();
  if (!res.ok) throw errorFromResponse(res.status, text);
  return schema.parse(text ? JSON.parse(text) : null);
}

export interface UploadProgress {
  /** Bytes of the whole request body sent so far, and its size. */
  loaded: number;
  total: number;
}

export interface BatchSubmission {
  swimmerName: string;
  files: File[];
  urls: string[];
  notificationEmail?: string;
}

/**
 * POST /batches as multipart through XMLHttpRequest, because fetch reports no upload progress.
 * Resolves with the created batch; rejects with an ApiRequestError (or a NETWORK_ERROR one).
 */
export function uploadBatch(
  submission: BatchSubmission,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<BatchWithJobs> {
  const form = new FormData();
  form.append("swimmerName", submission.swimmerName);
  for (const url of submission.urls) form.append("urls", url);
  if (submission.notificationEmail) form.append("notificationEmail", submission.notificationEmail);
  // Files last, in order, so the bytes sent map onto the files one after another.
  for (const file of submission.files) form.append("files", file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/batches");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromResponse(xhr.status, xhr.responseText));
        return;
      }
      try {
        resolve(batchWithJobsSchema.parse(JSON.parse(xhr.responseText)));
      } catch {
        reject(new ApiRequestError(xhr.status, "INTERNAL", "The server's answer was not understood."));
      }
    };
    xhr.onerror = () =>
      reject(new ApiRequestError(0, "NETWORK_ERROR", "The upload failed: the server could not be reached."));
    xhr.onabort = () => reject(new ApiRequestError(0, "CANCELLED", "The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Splits the bytes sent over the files (files are the body's tail, in order): a fraction per file. */
export function perFileProgress(sizes: number[], progress: UploadProgress): number[] {
  const filesTotal = sizes.reduce((sum, size) => sum + size, 0);
  // Bytes before the first file (fields, part headers) are roughly what the body adds beyond the files.
  const overhead = Math.max(0, progress.total - filesTotal);
  let sent = Math.max(0, progress.loaded - overhead);
  return sizes.map((size) => {
    const part = Math.min(size, sent);
    sent -= part;
    return size === 0 ? 1 : part / size;
  });
}
