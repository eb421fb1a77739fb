/**
 * GET /r/:code serves index.html with the swimmer's name and number of swims in its title and preview
 * tags (escaped), without counting a view; unknown and dead links get the generic page with 404 / 410.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractMeet } from "@splitstream/extract";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { resultLinks } from "../../src/db/schema/index.ts";
import { escapeHtml } from "../../src/http/share-page-meta.ts";
import { mountWebApp } from "../../src/http/static-web.ts";
import { storedSelection } from "../../src/results/stored-selection.ts";
import { makeResultLink } from "../admin/admin-factories.ts";
import { makeBatch, makeJob } from "../support/factories.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { createTestApp } from "../support/test-app.ts";
import { describeEachDriver } from "../support/test-databases.ts";

const HOUR_MS = 3_600_000;
const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Splitstream turns swim-meet results PDFs into one swimmer's results." />
    <title>Splitstream</title>
  </head>
  <body><div id="root"></div></body>
</html>
`;
/** Every character that must be escaped in text and attributes, and a replacement pattern. */
const AWKWARD_NAME = `Ivy "Fern" O'Wood <b>& Co</b> $&`;

let distDir: string;
beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), "splitstream-share-dist-"));
  await writeFile(join(distDir, "index.html"), INDEX_HTML);
});
afterAll(async () => {
  await rm(distDir, { recursive: true, force: true });
});

/** The HTML's meta tags as name → content, decoded the way a browser reads attributes. */
function metaOf(html: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g))
    tags[match[1]!] = decode(match[2]!);
  return tags;
}

function titleOf(html: string): string {
  const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)];
  expect(titles).toHaveLength(1);
  return decode(titles[0]![1]!);
}

function decode(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

describeEachDriver("GET /r/:code (the share page's preview)", ({ database }) => {
  /** A finished batch whose one file holds the fixture swimmer's swims, under `swimmerName`. */
  async function sharedBatch(swimmerName: string, linkOverrides = {}) {
    const db = database().db;
    const output = await extractMeet(await meetPdf());
    const selection = storedSelection(output, FIXTURE_SWIMMER, null);
    expect(selection.swims.length).toBeGreaterThan(0);
    const batch = await makeBatch(db, { swimmerName, status: "completed", totalJobs: 1, completedJobs: 1 });
    await makeJob(db, batch.id, { status: "completed", stage: "done", swimmerResult: selection });
    const link = await makeResultLink(db, batch.id, linkOverrides);
    return { link, swimCount: selection.swims.length };
  }

  function appWithWeb(overrides: Record<string, string> = {}) {
    const { app } = createTestApp(database(), overrides);
    expect(mountWebApp(app, distDir)).toBe(true);
    return app;
  }

  async function viewCount(code: string) {
    const [row] = await database().db.select().from(resultLinks).where(eq(resultLinks.code, code));
    return row?.viewCount;
  }

  it("names the swimmer and the swims in the title and the tags, escaped, without counting a view", async () => {
    const { link, swimCount } = await sharedBatch(AWKWARD_NAME);
    const app = appWithWeb({ PUBLIC_URL: "https://swims.example.org/app" });
    const res = await app.request(`/r/${link.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    const swims = `${swimCount} swim${swimCount === 1 ? "" : "s"}`;
    expect(titleOf(html)).toBe(`${AWKWARD_NAME} · ${swims} · Splitstream`);
    const meta = metaOf(html);
    expect(meta).toMatchObject({
      "og:type": "website",
      "og:site_name": "Splitstream",
      "og:title": `${AWKWARD_NAME} · ${swims} · Splitstream`,
      "og:url": `https://swims.example.org/app/r/${link.code}`,
      "twitter:card": "summary",
      "twitter:title": `${AWKWARD_NAME} · ${swims} · Splitstream`,
    });
    expect(meta["og:description"]).toBe(
      `${AWKWARD_NAME}'s swim results: ${swims} from 1 meet, with personal bests and splits.`,
    );
    expect(meta.description).toBe(meta["og:description"]);
    expect(meta["twitter:description"]).toBe(meta["og:description"]);
    // Nothing of the name gets into the markup unescaped: no tag of it, no broken attribute.
    expect(html).not.toContain("<b>");
    expect(html).not.toContain(`"Fern"`);
    expect(html).toContain(escapeHtml(AWKWARD_NAME));
    expect(html).toContain('<div id="root"></div>');
    expect(await viewCount(link.code)).toBe(0);
    // Opening the results is what counts.
    expect((await app.request(`/api/v1/results/${link.code}`)).status).toBe(200);
    expect(await viewCount(link.code)).toBe(1);
  });

  it("leaves og:url out when the server does not know its public address", async () => {
    const { link } = await sharedBatch("Quinn Avery");
    const html = await (await appWithWeb().request(`/r/${link.code}`)).text();
    expect(titleOf(html)).toMatch(/^Quinn Avery · \d+ swims? · Splitstream$/);
    expect(metaOf(html)["og:url"]).toBeUndefined();
  });

  it.each([
    ["withdrawn", { revokedAt: new Date(Date.now() - HOUR_MS) }],
    ["expired", { expiresAt: new Date(Date.now() - HOUR_MS) }],
  ])("serves the %s link the generic page with 410, naming nobody", async (_state, overrides) => {
    const { link } = await sharedBatch("Quinn Avery", overrides);
    const res = await appWithWeb().request(`/r/${link.code}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toBe(INDEX_HTML);
    expect(html).not.toContain("Quinn Avery");
  });

  it("serves unknown and malformed codes the generic page with 404", async () => {
    const app = appWithWeb();
    for (const path of ["/r/AAAAAAAAAAAA", "/r/short", "/r/AAAAAAAAAAAA/"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe(INDEX_HTML);
    }
    // Other app pages are untouched.
    const home = await app.request("/batches/whatever");
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(INDEX_HTML);
  });
});
