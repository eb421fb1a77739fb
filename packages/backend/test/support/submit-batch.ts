/** Sends batches to the app the way the web page does (multipart), for route and pipeline tests. */
export async function submitFiles(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  swimmerName: string,
  files: Array<{ name: string; bytes: Uint8Array }>,
  urls: string[] = [],
): Promise<Response> {
  const form = new FormData();
  form.set("swimmerName", swimmerName);
  for (const file of files)
    form.append("files", new Blob([file.bytes], { type: "application/pdf" }), file.name);
  for (const url of urls) form.append("urls", url);
  return app.request("/api/v1/batches", { method: "POST", body: form });
}

export async function readJson<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
