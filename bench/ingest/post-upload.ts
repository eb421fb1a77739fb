/** Sends one multipart batch (a swimmerName field and one `files` part) over its own connection, streaming the bytes. */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { request } from "node:http";

export interface UploadReply {
  status: number;
  body: string;
  seconds: number;
}

/** Posts `parts` (concatenated, they are the file) as one PDF to POST /api/v1/batches. */
export async function postUpload(
  baseUrl: string,
  upload: { swimmerName: string; fileName: string; parts: readonly Buffer[] },
): Promise<UploadReply> {
  const boundary = `----splitstream-bench-${randomBytes(12).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="swimmerName"\r\n\r\n${upload.swimmerName}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${upload.fileName}"\r\n` +
      "Content-Type: application/pdf\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + upload.parts.reduce((sum, part) => sum + part.length, 0) + tail.length;
  const started = performance.now();
  const req = request(`${baseUrl}/api/v1/batches`, {
    method: "POST",
    agent: false,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": length },
  });
  const reply = new Promise<UploadReply>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", reject);
      res.once("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          seconds: (performance.now() - started) / 1000,
        }),
      );
    });
  });
  // A reply that comes early (an error) ends the upload; the reply promise carries what happened.
  reply.catch(() => {});
  for (const part of [head, ...upload.parts, tail]) {
    if (req.destroyed) break;
    if (!req.write(part)) await Promise.race([once(req, "drain"), reply]);
  }
  req.end();
  return reply;
}
