/**
 * Keeps pdfjs's stray promise rejections on damaged files from crashing the process: pdfjs sometimes
 * rejects internal promises nobody awaits (seen with byte-mutated PDFs), and Node ends the process
 * on an unhandled rejection. While an extraction runs, those pdfjs errors are swallowed and counted.
 */

const PDFJS_ERRORS = new Set([
  "XRefEntryException",
  "XRefParseException",
  "FormatError",
  "InvalidPDFException",
  "MissingPDFException",
  "UnknownErrorException",
  "UnexpectedResponseException",
  "AbortException",
  "PasswordException",
]);

let active = 0;
let swallowed = 0;

function onUnhandled(reason: unknown): void {
  const name = (reason as { name?: string } | null)?.name ?? "";
  if (PDFJS_ERRORS.has(name)) {
    swallowed++;
    return;
  }
  // Not ours to hide: rethrow so Node's default (crash with the real error) still applies.
  throw reason;
}

/** Runs `task` with pdfjs's stray rejections contained; reports how many were swallowed meanwhile. */
export async function containPdfjsRejections<T>(
  task: () => Promise<T>,
): Promise<{ value: T; strayErrors: number }> {
  if (active++ === 0) process.on("unhandledRejection", onUnhandled);
  const before = swallowed;
  try {
    const value = await task();
    // Stray rejections surface a few ticks after the work that caused them.
    await new Promise((resolve) => setImmediate(resolve));
    return { value, strayErrors: swallowed - before };
  } finally {
    if (--active === 0) process.off("unhandledRejection", onUnhandled);
  }
}
