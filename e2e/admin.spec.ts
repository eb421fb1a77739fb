/**
 * The admin page in a real browser: sign-in, the dashboard's panels, filters and pages kept in the URL
 * (reload keeps them, Back undoes them), a failure retried by the pipeline shown as one row, worker
 * slots named apart, Sign out clear of every other control, at a phone's size and a desktop's.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { makeMeetPdf, makeNotResultsPdf, meets } from "@splitstream/extract/test-support/make-meet-pdf";
import { createBatchViaApi, pdfFile, snap, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { expectFitsAndAccessible, SCREENS } from "./fixtures/page-checks.ts";

const ADMIN_TOKEN = "e2e-admin-token-0123456789";
/** The admin list's page size (queries.ts). */
const PAGE_SIZE = 20;

test.describe.configure({ timeout: 180_000 });

/**
 * A meet host whose server is down: every answer is a 503, which the pipeline retries (3 times, with
 * backoff) before it gives up; and a 404 for files that are simply missing, which fail at once.
 */
let flakyHost: Server;
let flakyOrigin: string;
test.beforeAll(async () => {
  flakyHost = createServer((req, res) => {
    const status = req.url?.startsWith("/missing/") ? 404 : 503;
    res.writeHead(status, { "content-type": "text/plain" }).end("not now");
  });
  await new Promise<void>((resolve) => flakyHost.listen(0, "127.0.0.1", resolve));
  flakyOrigin = `http://127.0.0.1:${(flakyHost.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  flakyHost.closeAllConnections();
  await new Promise<void>((resolve) => flakyHost.close(() => resolve()));
});

async function signIn(page: Page) {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
}

/** Every panel has data, so the checks see the full dashboard rather than its loading state. */
async function expectDashboardLoaded(page: Page) {
  await expect(page.getByTestId("admin-summary")).toBeVisible();
  await expect(page.getByTestId("admin-batches")).toBeVisible();
  await expect(page.getByTestId("admin-workers")).toBeVisible();
  await expect(page.getByTestId("admin-errors")).toBeVisible();
}

/** Sign out must not sit on top of any other control or the heading (it did on a phone). */
async function expectSignOutClear(page: Page) {
  const signOut = page.getByRole("button", { name: "Sign out" });
  const box = await signOut.boundingBox();
  expect(box, "Sign out is visible").not.toBeNull();
  const others = await page
    .locator("main h1, main p, header a, header button, main a, main button, main input, main select")
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.textContent?.trim() !== "Sign out" && element.checkVisibility())
        .map((element) => {
          const rect = element.getBoundingClientRect();
          const name = `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30)}"`;
          return {
            name,
            x: rect.x + window.scrollX,
            y: rect.y + window.scrollY,
            width: rect.width,
            height: rect.height,
          };
        }),
    );
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const own = { x: box!.x + scroll.x, y: box!.y + scroll.y, width: box!.width, height: box!.height };
  const overlapping = others
    .filter(
      (other) =>
        other.width > 0 &&
        other.height > 0 &&
        own.x < other.x + other.width &&
        other.x < own.x + own.width &&
        own.y < other.y + other.height &&
        other.y < own.y + own.height,
    )
    .map((other) => other.name);
  expect(overlapping, "controls under Sign out").toEqual([]);
  console.log(
    `Sign out at ${Math.round(own.x)},${Math.round(own.y)} ${Math.round(own.width)}×${Math.round(own.height)}`,
  );
}

function batchRows(page: Page): Locator {
  return page.getByTestId("admin-batches").getByTestId("admin-batch-row");
}

/** Batches that fail at once (a missing file), enough to need a second page. */
async function makeManyBatches(request: APIRequestContext, tag: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request.post("/api/v1/batches", {
      data: { swimmerName: `Pager ${tag} ${i}`, urls: [`${flakyOrigin}/missing/${tag}-${i}.pdf`] },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).id as string);
  }
  return ids;
}

for (const screen of SCREENS) {
  test.describe(`admin at ${screen.name} size`, () => {
    test.use({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });

    test("sign-in, dashboard, a retried failure as one row, filters and pages in the URL", async ({
      page,
      request,
    }, testInfo) => {
      const tag = `Urlstate${screen.name}${Date.now()}`;
      const flakyUrl = `${flakyOrigin}/down/${tag}.pdf`;
      const flakyBatch = await createBatchViaApi(request, { swimmer: `Wren ${tag}`, urls: [flakyUrl] });
      const okBatch = await createBatchViaApi(request, {
        swimmer: `Quill ${tag}`,
        files: [pdfFile("admin-meet.pdf", await makeMeetPdf(meets.autumn))],
      });
      await makeManyBatches(request, tag, PAGE_SIZE);
      await waitForBatchStatus(request, okBatch, ["completed"]);
      // 2 + 4 + 8 s of backoff (with jitter) before the pipeline gives up.
      const started = Date.now();
      await waitForBatchStatus(request, flakyBatch, ["failed"], 120_000);
      console.log(
        `[${screen.name}] the 503 batch gave up after ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );

      await page.goto("/admin");
      await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
      await expectFitsAndAccessible(page, testInfo, `admin sign-in (${screen.name})`);
      await signIn(page);
      await expectDashboardLoaded(page);
      await expectFitsAndAccessible(page, testInfo, `admin dashboard (${screen.name})`);
      await expectSignOutClear(page);
      await snap(page, testInfo, `admin dashboard (${screen.name})`);

      // Worker slots: every row's name differs, and says which slot it is.
      const workerNames = await page
        .getByTestId("admin-worker-row")
        .locator("td:first-child")
        .allInnerTexts();
      expect(workerNames.length).toBeGreaterThan(1);
      expect(new Set(workerNames).size).toBe(workerNames.length);
      for (const name of workerNames) expect(name).toMatch(/ · slot \d+$/);

      // The 503 file was tried 4 times (3 retries); the log shows that as one failure.
      const flakyRows = page
        .getByTestId("admin-errors")
        .getByTestId("admin-error-row")
        .filter({ has: page.locator(`a[href="/batches/${flakyBatch}"]`) });
      await expect(flakyRows).toHaveCount(1);
      await expect(flakyRows.getByTestId("admin-error-attempts")).toHaveText("4 attempts");
      await expect(flakyRows).toContainText("HTTP_ERROR");
      await expect(flakyRows).toContainText("Gave up");

      // Filters go into the URL…
      await page.getByLabel("Swimmer").fill(tag);
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]swimmer=${tag}`));
      await expect(batchRows(page)).toHaveCount(PAGE_SIZE);
      const pages = page.getByRole("navigation", { name: "Batch pages" });
      await expect(pages).toContainText(`Page 1 of 2 · ${PAGE_SIZE + 2} batches`);
      // …and so does the page.
      await pages.getByRole("button", { name: "Next" }).click();
      await expect(page).toHaveURL(/[?&]page=2/);
      await expect(pages).toContainText("Page 2 of 2");
      await expect(batchRows(page)).toHaveCount(2);
      await page.getByLabel("Status").selectOption("completed");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/[?&]status=completed/);
      await expect(batchRows(page)).toHaveCount(1);
      await expect(batchRows(page)).toContainText(`Quill ${tag}`);
      await page.getByLabel("Show").selectOption("all");
      await expect(page).toHaveURL(/[?&]errors=all/);

      // A reload keeps all of it: the form shows what is applied.
      await page.reload();
      await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
      await expect(page.getByLabel("Swimmer")).toHaveValue(tag);
      await expect(page.getByLabel("Status")).toHaveValue("completed");
      await expect(page.getByLabel("Show")).toHaveValue("all");
      await expect(batchRows(page)).toHaveCount(1);
      await expectDashboardLoaded(page);
      await expectFitsAndAccessible(page, testInfo, `admin filtered (${screen.name})`);

      // Back steps through them: the error filter, then the status, then page 2, then page 1.
      await page.goBack();
      await expect(page.getByLabel("Show")).toHaveValue("unresolved");
      await expect(page.getByLabel("Status")).toHaveValue("completed");
      await page.goBack();
      await expect(page.getByLabel("Status")).toHaveValue("");
      await expect(pages).toContainText("Page 2 of 2");
      await expect(batchRows(page)).toHaveCount(2);
      await page.goBack();
      await expect(pages).toContainText("Page 1 of 2");
      await page.goBack();
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByLabel("Swimmer")).toHaveValue("");
      await page.goForward();
      await expect(page.getByLabel("Swimmer")).toHaveValue(tag);
      await expect(batchRows(page)).toHaveCount(PAGE_SIZE);
      await expectFitsAndAccessible(page, testInfo, `admin after Back and Forward (${screen.name})`);

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
    });
  });
}

test("admin: login, resolve an error, open a result link with its preview, delete", async ({
  page,
  request,
  context,
}, testInfo) => {
  // This test's own batches, under names no other test (and no earlier try of this one) uses.
  const tag = `Admintest${Date.now()}`;
  const okName = `Quill ${tag}`;
  const badName = `Rook ${tag}`;
  const okBatch = await createBatchViaApi(request, {
    swimmer: okName,
    files: [pdfFile("admin-meet.pdf", await makeMeetPdf(meets.autumn))],
  });
  const badBatch = await createBatchViaApi(request, {
    swimmer: badName,
    files: [pdfFile("admin-newsletter.pdf", await makeNotResultsPdf())],
  });
  await waitForBatchStatus(request, okBatch, ["completed"]);
  await waitForBatchStatus(request, badBatch, ["failed"]);

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
  await page.getByLabel("Admin token").fill("wrong-token-wrong-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectFitsAndAccessible(page, testInfo, "admin sign-in with a wrong token");
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  // The session lives in an HttpOnly cookie, out of reach of page scripts.
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.httpOnly)).toBe(true);
  expect(await page.evaluate("document.cookie")).not.toContain(ADMIN_TOKEN);

  await expect(page.getByTestId("error-rate")).toHaveText(/%$/);
  await expect(page.getByTestId("cache-hit-rate")).toHaveText(/%$/);
  await snap(page, testInfo, "admin page");

  // Filter by swimmer, then by status.
  const batches = page.getByTestId("admin-batches");
  await page.getByLabel("Swimmer").fill(tag);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batchRows(page)).toHaveCount(2);
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batchRows(page)).toHaveCount(1);
  await expect(batches).toContainText(badName);
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Swimmer").fill(okName);
  await page.getByRole("button", { name: "Apply filters" }).click();
  // The failed filter's one row stays on screen until the new list arrives: wait for the row itself.
  await expect(batches).not.toContainText(badName);
  await expect(batchRows(page)).toHaveCount(1);
  await expect(batches).toContainText(okName);
  await expect(page.getByRole("navigation", { name: "Batch pages" })).toContainText("Page 1 of 1");

  // Open the result link from the batch row; the link's HTML previews with the swimmer's name.
  const resultLink = batches.getByRole("link", { name: "Result link" });
  const href = await resultLink.getAttribute("href");
  const preview = await (await request.get(href!)).text();
  expect(preview).toMatch(
    new RegExp(`<meta property="og:title" content="${okName} · \\d+ swims? · Splitstream"`),
  );
  const popupPromise = page.waitForEvent("popup");
  await resultLink.click();
  const popup = await popupPromise;
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(okName);
  await popup.close();

  // Resolve the failed batch's error: one row for its one failure.
  const errors = page.getByTestId("admin-errors");
  const errorRow = errors
    .getByTestId("admin-error-row")
    .filter({ has: page.locator(`a[href="/batches/${badBatch}"]`) });
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow.getByTestId("admin-error-attempts")).toHaveText("1 attempt");
  await errorRow.getByRole("button", { name: /^Mark resolved: error / }).click();
  // Other tests' failures may fill the page, so watch this row leave rather than count the rest.
  await expect(errorRow).toHaveCount(0);
  await page.getByLabel("Show").selectOption("resolved");
  await expect(errorRow).toContainText("Resolved by");
  await snap(page, testInfo, "admin page (after resolving)");

  // Delete the failed batch.
  await page.getByLabel("Swimmer").fill(badName);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batchRows(page)).toHaveCount(1);
  page.once("dialog", (dialog) => void dialog.accept());
  await batches.getByRole("button", { name: `Delete batch of ${badName}` }).click();
  await expect(batchRows(page)).toHaveCount(0);
  expect((await request.get(`/api/v1/batches/${badBatch}`)).status()).toBe(404);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
});

test("admin APIs refuse requests without a token", async ({ request }) => {
  const res = await request.get("/api/v1/admin/summary");
  expect(res.status()).toBe(401);
  const ok = await request.get("/api/v1/admin/summary", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(ok.status()).toBe(200);
});
