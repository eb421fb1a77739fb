/**
 * The swimmer's results on a phone and a desktop (and the narrowest phone): personal bests first, the
 * progression chart with its table, meets newest first, cards on a phone and tables on a desktop,
 * splits on tap, the share page's title, Share (native and clipboard) and print; honest words when
 * files were not read. Every state gets the overflow check and axe.
 */
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import {
  type FixtureMeet,
  type FixtureSwimmer,
  makeMeetPdf,
  makeNotResultsPdf,
} from "@splitstream/extract/test-support/make-meet-pdf";
import { createBatchViaApi, pdfFile, snap, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { expectAccessible, expectNoSidewaysScroll, NARROW_PHONE, SCREENS } from "./fixtures/page-checks.ts";
import { type PdfServer, startPdfServer } from "./fixtures/pdf-server.ts";

/** 120 characters (the most the form takes), all invented: the search matches the printed "FERNWOOD-ASHCOMBE Ivy" by its middle names. */
const LONG_NAME =
  "Ivy Marguerite Seraphina Wilhelmina Anastasia Theodora Evangeline Rosalind Clementine Gwendolyn Elodie Fernwood-Ashcombe";
const PRINTED = "FERNWOOD-ASHCOMBE Ivy";
const rival = (time: string): FixtureSwimmer => ({
  name: "QUILLBY Maren",
  club: "KRK",
  splits: ["31.00", "1:04.00", "1:37.00"],
  time,
});

/** Four invented meets, 60-80 character names, two pools, three months: the 200 back has three swims. */
const MEETS = {
  december: {
    title: "Championnats régionaux d'hiver en petit bassin ISL - Invented Lakeside Open",
    dateLine: "December 6 - 7",
    sessionLine: "06 DEC 2025 - 15:30",
    event: "Women's 200m Backstroke",
    swimmers: [
      { name: PRINTED, club: "OTR", splits: ["30.10", "1:02.40", "1:35.00"], time: "2:07.80" },
      rival("2:09.00"),
    ],
  },
  january: {
    title: "Invented ISL Midwinter Sprint Gala, Lakeside Leisure Centre, petit bassin",
    dateLine: "January 24",
    sessionLine: "24 JAN 2026 - 18:00",
    event: "Women's 200m Backstroke",
    swimmers: [
      rival("2:04.00"),
      { name: PRINTED, club: "OTR", splits: ["29.80", "1:01.70", "1:33.90"], time: "2:05.61" },
    ],
  },
  february: {
    title: "2026 ISL Invented Spring Classic",
    dateLine: "February 21",
    sessionLine: "21 FEB 2026 - 09:00",
    event: "Women's 100m Backstroke",
    swimmers: [{ name: PRINTED, club: "OTR", splits: ["30.02", "", ""], time: "1:01.90" }],
  },
  march: {
    title: "ISL Langbahn Meisterschaften des Invented Seeufer Schwimmvereins 2026 Open",
    dateLine: "March 14 - 15",
    sessionLine: "14 MAR 2026 - 10:05",
    event: "Women's 200m Backstroke",
    swimmers: [{ name: PRINTED, club: "OTR", splits: ["30.90", "1:03.80", "1:37.10"], time: "2:10.25" }],
  },
} satisfies Record<string, FixtureMeet>;
/** Newest first, as the page lists them. */
const MEETS_NEWEST_FIRST = [MEETS.march, MEETS.february, MEETS.january, MEETS.december].map(
  (meet) => meet.title,
);

let server: PdfServer;
test.beforeAll(async () => {
  server = await startPdfServer();
  for (const [name, meet] of Object.entries(MEETS)) server.add(`${name}.pdf`, await makeMeetPdf(meet));
});
test.afterAll(async () => {
  await server?.close();
});
test.describe.configure({ timeout: 150_000 });

/** A finished batch of the four meets (served as URLs), and its result link's code. */
async function fourMeetBatch(request: APIRequestContext): Promise<{ batchId: string; code: string }> {
  const batchId = await createBatchViaApi(request, {
    swimmer: LONG_NAME,
    urls: Object.keys(MEETS).map((name) => server.url(`${name}.pdf`)),
  });
  await waitForBatchStatus(request, batchId, ["completed"]);
  const results = await (await request.get(`/api/v1/batches/${batchId}/results`)).json();
  expect(results.swims).toHaveLength(4);
  return { batchId, code: results.resultCode as string };
}

/** The results' section headings in page order: bests, progress, then the meets. */
async function sectionOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId("results")
    .locator("h3")
    .evaluateAll((headings) => headings.map((heading) => heading.textContent ?? ""));
}

async function expectResultsLayout(page: Page, phone: boolean) {
  const results = page.getByTestId("results");
  await expect(page.getByTestId("swim-row")).toHaveCount(4);
  // One layout, never both: cards on the phone, tables on the desktop.
  await expect(results).toHaveAttribute("data-layout", phone ? "cards" : "table");
  await expect(results.locator(".swim-card")).toHaveCount(phone ? 4 : 0);
  await expect(results.locator("table.swims tbody tr")).toHaveCount(phone ? 0 : 4);

  const order = await sectionOrder(page);
  expect(order.slice(0, 2)).toEqual(["Personal bests", "Progress · 200 Backstroke"]);
  expect(order.slice(2)).toEqual(MEETS_NEWEST_FIRST);

  const bests = page.getByTestId("personal-bests");
  await expect(bests).toContainText("2:05.61"); // the 25 m best of the 200 back
  await expect(bests).toContainText("2:10.25"); // the 50 m best: its own pool
  await expect(bests).toContainText("1:01.90");
  await expect(bests).not.toContainText("2:07.80"); // slower than January's, so not a best
}

/** The chart is drawn (a canvas) with its table, the 200 back by default (3 swims against 1). */
async function expectChart(page: Page) {
  const chart = page.getByTestId("progression");
  await expect(chart.getByTestId("progression-canvas").locator("canvas").first()).toBeVisible();
  const table = chart.getByTestId("progression-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table).toContainText("2:05.61");
  await expect(table.locator("tbody tr", { hasText: "2:05.61" })).toContainText("Yes");
  await expect(table.locator("tbody tr", { hasText: "2:10.25" })).toContainText("Yes");
  await expect(table.locator("tbody tr", { hasText: "2:07.80" })).not.toContainText("Yes");
  // The readout starts on the newest day.
  await expect(chart.getByTestId("progression-readout")).toContainText("2:10.25");
}

/** Tapping (or clicking) near the left edge of the plot picks the oldest day. */
async function pickOldestDay(page: Page, phone: boolean) {
  const plot = page.getByTestId("progression-canvas").locator(".u-over");
  const box = await plot.boundingBox();
  if (!box) throw new Error("the chart has no plot area");
  const position = { x: Math.round(box.width * 0.08), y: Math.round(box.height / 2) };
  if (phone) await plot.tap({ position });
  else await plot.click({ position });
  await expect(page.getByTestId("progression-readout")).toContainText("2:07.80");
}

for (const screen of SCREENS) {
  const phone = screen.name === "phone";
  test.describe(`on a ${screen.name}`, () => {
    test.use({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });

    test("the batch page's results: bests first, the chart with its table, meets newest first, splits on tap, the pool setting", async ({
      page,
      request,
    }, testInfo) => {
      const { batchId } = await fourMeetBatch(request);
      await page.goto(`/batches/${batchId}`);
      await expectResultsLayout(page, phone);
      await expectChart(page);
      await expectNoSidewaysScroll(page, "finished batch");
      await expectAccessible(page, testInfo, "finished batch");
      await snap(
        page,
        testInfo,
        `batch results (${screen.name})`,
        phone ? "phone-batch-results.png" : undefined,
      );

      await pickOldestDay(page, phone);

      const december = page.getByRole("region", { name: MEETS.december.title });
      if (phone) {
        const splits = december.getByRole("button", { name: /^Splits/ });
        await expect(splits).toHaveAttribute("aria-expanded", "false");
        await expect(december.getByTestId("splits")).toBeHidden();
        await splits.tap();
        await expect(splits).toHaveAttribute("aria-expanded", "true");
        await expect(december.getByTestId("splits")).toContainText("1:35.00");
        await expect(december.getByTestId("splits")).toContainText("lap 32.30"); // 1:02.40 to 1:35.00
      } else {
        await expect(december.getByRole("row", { name: /2:07\.80/ })).toContainText("150m 1:35.00");
      }
      await expectNoSidewaysScroll(page, "splits open, oldest day picked");
      await expectAccessible(page, testInfo, "splits open, oldest day picked");

      // Another event from the picker: a single swim is shown as one point, said in words.
      const chart = page.getByTestId("progression");
      await chart.getByLabel("Event").selectOption({ label: "100 Backstroke (1 swim)" });
      await expect(chart.getByRole("heading")).toHaveText("Progress · 100 Backstroke");
      await expect(chart.getByTestId("progression-table").locator("tbody tr")).toHaveCount(1);
      await expect(chart).toContainText("One swim in this event so far");
      await expect(chart.getByTestId("progression-canvas").locator("canvas").first()).toBeVisible();
      await expectNoSidewaysScroll(page, "one-swim event");
      await expectAccessible(page, testInfo, "one-swim event");

      // The owner's pool setting still works, laid out for the screen.
      const february = page.getByRole("region", { name: MEETS.february.title });
      await february.getByLabel("Pool:").selectOption("LCM");
      await expect(february.getByText("(set by you)")).toBeVisible();
      await expect(page.getByTestId("personal-bests")).toContainText("50 m pool (LCM)");
      await expectNoSidewaysScroll(page, "pool set by hand");
      await expectAccessible(page, testInfo, "pool set by hand");
    });

    test("the share page: title, Share through the phone's share sheet, print without buttons", async ({
      page,
      request,
    }, testInfo) => {
      const { code } = await fourMeetBatch(request);
      // Headless Chromium has no Web Share API: stand in for navigator.share, recording what it is handed.
      await page.addInitScript(() => {
        const shared: ShareData[] = [];
        Object.assign(window, { sharedData: shared });
        Object.defineProperty(Navigator.prototype, "share", {
          configurable: true,
          value: async (data: ShareData) => void shared.push(data),
        });
        Object.defineProperty(Navigator.prototype, "canShare", { configurable: true, value: () => true });
      });
      await page.goto(`/r/${code}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(LONG_NAME);
      await expect(page).toHaveTitle(`${LONG_NAME} · 4 swims · Splitstream`);
      await expectResultsLayout(page, phone);
      await expectChart(page);
      await expect(page.getByLabel("Pool:")).toHaveCount(0); // a stranger cannot change the results
      await expectNoSidewaysScroll(page, "share page");
      await expectAccessible(page, testInfo, "share page");
      await snap(page, testInfo, `share page (${screen.name})`, phone ? "phone-share-page.png" : undefined);

      await page.getByRole("button", { name: "Share" }).click();
      await expect(page.getByTestId("share-outcome")).toHaveText("Shared.");
      const shared = await page.evaluate(() => (window as unknown as { sharedData: ShareData[] }).sharedData);
      expect(shared).toHaveLength(1);
      expect(shared[0]?.url).toBe(new URL(`/r/${code}`, page.url()).href);
      expect(shared[0]?.title).toBe(`${LONG_NAME} · 4 swims`);
      await expectNoSidewaysScroll(page, "share page after sharing");
      await expectAccessible(page, testInfo, "share page after sharing");

      if (phone) {
        // Printing from the phone: the page switches to tables when the browser says printing begins.
        await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
        await expect(page.getByTestId("results")).toHaveAttribute("data-layout", "table");
        await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
        await expect(page.getByTestId("results")).toHaveAttribute("data-layout", "cards");
      }
      // Paper, not the phone's screen, sets the width of a printout: A4 less its margins is about 720 CSS px.
      if (phone) await page.setViewportSize({ width: 720, height: 1040 });
      await page.emulateMedia({ media: "print" });
      await expect(page.getByTestId("results")).toHaveAttribute("data-layout", "table");
      await expect(page.getByTestId("swim-row")).toHaveCount(4);
      await expect(page.locator("button:visible")).toHaveCount(0);
      await expect(page.locator("select:visible")).toHaveCount(0);
      await expect(page.getByTestId("progression-canvas")).toBeHidden();
      await expect(page.getByTestId("progression-table")).toBeVisible();
      await expectNoSidewaysScroll(page, "share page printed");
      await expectAccessible(page, testInfo, "share page printed");
      await snap(page, testInfo, `share page printed (${screen.name})`);
    });

    test("Share copies the link where there is no share sheet", async ({ browser, request }, testInfo) => {
      const { code } = await fourMeetBatch(request);
      const page = await copyingPage(browser, screen);
      await page.goto(`/r/${code}`);
      await page.getByRole("button", { name: "Share" }).click();
      await expect(page.getByTestId("share-outcome")).toHaveText("Link copied: paste it in a message.");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        new URL(`/r/${code}`, page.url()).href,
      );
      await expectNoSidewaysScroll(page, "share page, link copied");
      await expectAccessible(page, testInfo, "share page, link copied");
      await page.context().close();
    });
  });
}

/** A page whose browser has no navigator.share (removed, so the test does not depend on the build) and may use the clipboard. */
async function copyingPage(browser: Browser, screen: (typeof SCREENS)[number]): Promise<Page> {
  const context = await browser.newContext({
    viewport: screen.viewport,
    isMobile: screen.isMobile,
    hasTouch: screen.hasTouch,
    baseURL: test.info().project.use.baseURL,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await context.addInitScript(() => {
    delete (Navigator.prototype as Partial<Navigator>).share;
    delete (Navigator.prototype as Partial<Navigator>).canShare;
  });
  return context.newPage();
}

test.describe("on the narrowest phone", () => {
  test.use({ viewport: NARROW_PHONE, isMobile: true, hasTouch: true });

  test("nothing scrolls sideways at 360 px with a 120-character name and 75-character meet names", async ({
    page,
    request,
  }, testInfo) => {
    const { batchId, code } = await fourMeetBatch(request);
    await page.goto(`/batches/${batchId}`);
    await expectResultsLayout(page, true);
    await expectChart(page);
    await expectNoSidewaysScroll(page, "finished batch at 360 px");
    await expectAccessible(page, testInfo, "finished batch at 360 px");
    await page
      .getByRole("region", { name: MEETS.january.title })
      .getByRole("button", { name: /^Splits/ })
      .tap();
    await expectNoSidewaysScroll(page, "splits open at 360 px");

    await page.goto(`/r/${code}`);
    await expectResultsLayout(page, true);
    await expectChart(page);
    await expectNoSidewaysScroll(page, "share page at 360 px");
    await expectAccessible(page, testInfo, "share page at 360 px");
    await snap(page, testInfo, "share page (360 px)");
  });
});

test.describe("honest words when files were not read", () => {
  for (const screen of SCREENS) {
    test.describe(`on a ${screen.name}`, () => {
      test.use({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });

      test("no swims: says how many files were read and how many were not", async ({
        page,
        request,
      }, testInfo) => {
        // One meet read (without this swimmer), one file that is not results, one cancelled while held.
        const held = `held-${screen.name}.pdf`;
        server.add(held, await makeMeetPdf(MEETS.march));
        const batchId = await createBatchViaApi(request, {
          swimmer: "Maren Quillby-Notherename",
          files: [pdfFile("newsletter.pdf", await makeNotResultsPdf())],
          urls: [server.url("december.pdf"), server.url(held, { held: true })],
        });
        await expect
          .poll(async () => {
            const batch = await (await request.get(`/api/v1/batches/${batchId}`)).json();
            return batch.counts.completed + batch.counts.failed;
          })
          .toBe(2);
        expect((await request.post(`/api/v1/batches/${batchId}/cancel`)).status()).toBe(200);
        await waitForBatchStatus(request, batchId, ["partial", "cancelled", "failed"]);
        server.release(held);

        await page.goto(`/batches/${batchId}`);
        const noSwims = page.getByTestId("no-swims");
        await expect(noSwims).toContainText(
          'No swims for "Maren Quillby-Notherename" were found in the 1 file that was read. 2 other files were not read (1 could not be read, 1 was cancelled).',
        );
        await expect(noSwims).not.toContainText("in these files");
        await expectNoSidewaysScroll(page, "no swims, files unread");
        await expectAccessible(page, testInfo, "no swims, files unread");
      });
    });
  }
});
