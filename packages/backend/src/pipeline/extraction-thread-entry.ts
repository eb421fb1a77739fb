/** Runs in a worker thread: parses one PDF and posts the result (or the error's code and message) back. */
import { parentPort, workerData } from "node:worker_threads";
import { ExtractionError, extractMeet } from "@splitstream/extract";

const { bytes } = workerData as { bytes: Uint8Array };
try {
  const output = await extractMeet(bytes);
  parentPort?.postMessage({ ok: true, output });
} catch (error) {
  if (error instanceof ExtractionError) {
    parentPort?.postMessage({ ok: false, code: error.code, message: error.message });
  } else {
    parentPort?.postMessage({
      ok: false,
      code: "INTERNAL",
      message: `The parser failed: ${(error as Error)?.message ?? String(error)}`,
    });
  }
}
