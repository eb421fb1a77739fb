/** Runs in a parser thread: loads the parser, says so, then answers one PDF at a time for as long as it lives. */
import { parentPort } from "node:worker_threads";
import { PARSER_READY, type ParsePages, type ParseRequest, parseToReply } from "./parse-to-reply.ts";
import { WARM_UP_PDF } from "./warm-up-pdf.ts";

// PDFium (WebAssembly) compiles on the first PDF: pay for that before taking real work.
await parseToReply(WARM_UP_PDF);
parentPort?.on("message", async ({ id, bytes }: ParseRequest) => {
  const reply = await parseToReply(bytes, (pagesRead, pageCount) =>
    parentPort?.postMessage({ id, pagesRead, pageCount } satisfies ParsePages),
  );
  parentPort?.postMessage({ id, ...reply });
});
parentPort?.postMessage(PARSER_READY);
