/**
 * Serves the built web app: real files as they are, every other non-API path as index.html (client
 * routing). A shared result link's index.html carries the swimmer's name in its title and preview tags.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { resultCodeParamSchema } from "@splitstream/shared";
import type { Context, Hono } from "hono";
import { readSharePreview } from "../services/read-share-preview.ts";
import type { AppEnv } from "./app-env.ts";
import { shareMetaOf, sharePageUrl, writeShareMeta } from "./share-page-meta.ts";

const SHARE_PATH = /^\/r\/([^/]+)\/?$/;

export function mountWebApp(app: Hono<AppEnv>, distDir: string): boolean {
  const indexFile = `${distDir}/index.html`;
  if (!existsSync(indexFile)) return false;
  const root = relative(process.cwd(), distDir) || ".";
  app.use(
    "/assets/*",
    serveStatic({
      root,
      onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
    }),
  );
  app.use("*", serveStatic({ root }));
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    c.header("Cache-Control", "no-cache");
    const indexHtml = await readFile(indexFile, "utf8");
    const share = SHARE_PATH.exec(c.req.path);
    if (share) return sharePage(c, indexHtml, decodeURIComponent(share[1]!));
    return c.html(indexHtml);
  });
  return true;
}

/**
 * The result link's page: named in its tags when the link is live; otherwise the generic page with
 * 404 or 410, which the app renders as its own "not found" or "expired" page all the same.
 */
async function sharePage(c: Context<AppEnv>, indexHtml: string, code: string) {
  if (!resultCodeParamSchema.safeParse({ code }).success) return c.html(indexHtml, 404);
  const { database, clock, config, logger } = c.get("deps");
  try {
    const preview = await readSharePreview({ ctx: { database, clock }, input: { code } });
    if (preview.state === "missing") return c.html(indexHtml, 404);
    if (preview.state === "gone") return c.html(indexHtml, 410);
    const meta = shareMetaOf(preview, sharePageUrl(config.PUBLIC_URL, code));
    return c.html(meta ? writeShareMeta(indexHtml, meta) : indexHtml);
  } catch (error) {
    // A preview is a nicety: the page still loads (and shows its own error) when the database does not answer.
    logger.warn({ err: error, code }, "reading a share preview failed");
    return c.html(indexHtml);
  }
}
