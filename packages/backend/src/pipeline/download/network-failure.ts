/** Turns a socket, DNS or TLS error into a retryable NETWORK_ERROR with a plain-language message. */
import { DownloadError } from "./download-error.ts";

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL"]);

export function networkFailure(error: unknown, describe: string): DownloadError {
  if (error instanceof DownloadError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  let what: string;
  if (typeof code === "string" && DNS_CODES.has(code)) what = "could not be found (DNS lookup failed)";
  else if (code === "ECONNREFUSED") what = "refused the connection";
  else if (code === "ECONNRESET" || code === "EPIPE") what = "closed the connection unexpectedly";
  else if (code === "ERR_STREAM_PREMATURE_CLOSE") what = "closed the connection before the file was complete";
  else if (typeof code === "string" && code.startsWith("Z_")) what = "sent a damaged compressed file";
  else if (typeof code === "string" && (code.startsWith("ERR_TLS") || code.includes("CERT")))
    what = "could not be reached securely (TLS problem)";
  else what = "could not be reached";
  return new DownloadError("NETWORK_ERROR", `The server of ${describe} ${what} (${detail}).`, {
    cause: error,
  });
}
