// A parser thread for tests. A "PDF" whose bytes are `%PDF-hang`, `%PDF-grow`, `%PDF-crash` or `%PDF-exit`
// acts that out (loops forever, allocates without end, throws, exits); any other PDF goes to the real parser.
import { parentPort, threadId } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { PARSER_READY, parseToReply } = await import("../../src/pipeline/parser-thread/parse-to-reply.ts");
const { WARM_UP_PDF } = await import("../../src/pipeline/parser-thread/warm-up-pdf.ts");
await parseToReply(WARM_UP_PDF);

parentPort.on("message", async ({ id, bytes }) => {
  const act = new TextDecoder().decode(bytes.subarray(0, 16));
  if (act === "%PDF-hang") for (;;);
  if (act === "%PDF-grow") {
    const hoard = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  if (act === "%PDF-crash") throw new Error("a parser bug");
  if (act === "%PDF-exit") process.exit(3);
  if (act === "%PDF-thread-id") {
    parentPort.postMessage({ id, ok: false, code: "NOT_RESULTS", message: `thread ${threadId}` });
    return;
  }
  parentPort.postMessage({ id, ...(await parseToReply(bytes)) });
});
parentPort.postMessage(PARSER_READY);
