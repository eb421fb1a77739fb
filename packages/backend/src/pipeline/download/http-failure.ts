/** Turns an unsuccessful HTTP status into a DownloadError, honouring Retry-After. */
import { STATUS_CODES } from "node:http";
import { DownloadError } from "./download-error.ts";

export function httpFailure(
  status: number,
  retryAfter: string | undefined,
  url: string,
  now: number = Date.now(),
): DownloadError {
  const answered = `The server answered ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""} for ${url}`;
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    const pause =
      retryAfterMs === undefined ? "" : ` It asked us to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new DownloadError("RATE_LIMIT", `${answered}: too many requests.${pause}`, {
      httpStatus: status,
      ...wait,
    });
  }
  if (status >= 500) {
    return new DownloadError(
      "HTTP_ERROR",
      `${answered}: a problem on the site's side; trying again may help.`,
      {
        httpStatus: status,
        retryable: true,
        ...wait,
      },
    );
  }
  return new DownloadError("HTTP_ERROR", `${answered}${hintFor(status)}`, {
    httpStatus: status,
    retryable: false,
  });
}

function hintFor(status: number): string {
  if (status === 404 || status === 410) return ". Check the link: the file may have moved or been removed.";
  if (status === 401 || status === 403 || status === 407) {
    return ". The file is not public: download it in your browser and upload the PDF instead.";
  }
  return ".";
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
