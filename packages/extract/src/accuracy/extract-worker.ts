/** Child process of the extraction pool: extracts each PDF path it is sent and replies with the outcome. */
import { readFile } from "node:fs/promises";
import { ExtractionError } from "../errors.ts";
import { extractMeet } from "../extract-meet.ts";
import type { PoolReply, PoolRequest } from "./extract-pool.ts";

process.on("message", async (message: PoolRequest) => {
  const started = performance.now();
  let reply: PoolReply;
  try {
    const bytes = new Uint8Array(await readFile(message.file));
    const output = await extractMeet(bytes, { validate: message.validate });
    reply = { id: message.id, file: message.file, ok: true, output, ms: performance.now() - started };
  } catch (error) {
    const code = error instanceof ExtractionError ? error.code : "UNCAUGHT";
    const text = error instanceof Error ? error.message : String(error);
    reply = {
      id: message.id,
      file: message.file,
      ok: false,
      code,
      message: text,
      ms: performance.now() - started,
    };
  }
  process.send?.(reply);
});
