/**
 * A load-generating child process (forked with an IPC channel): on each message it keeps `connections`
 * keep-alive requests in flight until `endAt`, and replies with what completed between `startAt` and `endAt`.
 */
import { Agent, request } from "node:http";

export interface LoadSpec {
  url: string;
  method: "GET" | "POST";
  body?: string;
  contentType?: string;
  connections: number;
  /** Wall-clock ms (Date.now()) when counting starts; requests before it only warm up. */
  startAt: number;
  endAt: number;
}

export interface LoadResult {
  completed: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  /** The first answer whose status was not 2xx, for the report. */
  sampleFailure?: string;
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const headers: Record<string, string | number> = {};
  if (body) {
    headers["content-type"] = spec.contentType ?? "application/json";
    headers["content-length"] = body.length;
  }
  const options = {
    host: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    method: spec.method,
    agent,
    headers,
  };
  const result: LoadResult = { completed: 0, statuses: {}, latenciesMs: [] };

  const once = () =>
    new Promise<{ status: number; text?: string }>((resolve) => {
      const req = request(options, (res) => {
        const status = res.statusCode ?? 0;
        const failed = status >= 300 && result.sampleFailure === undefined;
        const chunks: Buffer[] = [];
        if (failed) res.on("data", (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.once("end", () =>
          resolve({ status, text: failed ? Buffer.concat(chunks).toString() : undefined }),
        );
        res.once("error", (error) => resolve({ status: 0, text: error.message }));
      });
      req.once("error", (error) => resolve({ status: 0, text: error.message }));
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (Date.now() < spec.endAt) {
        const started = performance.now();
        const { status, text } = await once();
        const finished = Date.now();
        if (finished < spec.startAt || finished > spec.endAt) continue;
        result.completed++;
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        result.latenciesMs.push(performance.now() - started);
        if (text !== undefined && result.sampleFailure === undefined)
          result.sampleFailure = `${status}: ${text.slice(0, 300)}`;
      }
    }),
  );
  agent.destroy();
  return result;
}

process.on("message", (spec: LoadSpec) => {
  void runLoad(spec).then((result) => process.send?.(result));
});
process.on("disconnect", () => process.exit(0));
