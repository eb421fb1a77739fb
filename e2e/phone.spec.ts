/**
 * On a phone-sized screen: nothing spills sideways on any page, and the batch page does not jump about
 * while events stream in (cumulative layout shift, as Chromium measures it, stays under 0.1: "good").
 */
import { expect, test } from "@playwright/test";
import { makeMeetPdf, meets, SWIMMER } from "@splitstream/extract/test-support/make-meet-pdf";
import { pdfFile, snap, submitBatch } from "./fixtures/dashboard.ts";
import { expectNoSidewaysScroll } from "./fixtures/page-checks.ts";
import { type PdfServer, startPdfServer } from "./fixtures/pdf-server.ts";

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
test.describe.configure({ timeout: 150_000 });

let server: PdfServer;
test.beforeAll(async () => {
  server = await startPdfServer();
});
test.afterAll(async () => {
  await server?.close();
});

test("every page fits a phone, and the batch page holds still while it streams", async ({
  page,
  browser,
}, testInfo) => {
  // Count layout shifts from the first paint of every page, as Chromium reports them.
  await page.addInitScript(() => {
    const shifts = { total: 0 };
    (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!entry.hadRecentInput) shifts.total += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const [spring, winter] = await Promise.all([makeMeetPdf(meets.spring), makeMeetPdf(meets.winter)]);
  server.add("phone-spring.pdf", spring);

  await page.goto("/");
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, "new batch page (phone)");

  await submitBatch(page, {
    swimmer: SWIMMER,
    files: [pdfFile("winter-phone.pdf", winter)],
    urls: [server.url("phone-spring.pdf", { held: true })],
  });
  await expect(page.getByTestId("job-row")).toHaveCount(2);
  await expect(page.locator('[data-testid="job-row"][data-status="completed"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  await expectNoSidewaysScroll(page);
  server.release("phone-spring.pdf");
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed", {
    timeout: 120_000,
  });
  await expectNoSidewaysScroll(page);
  const shifted = await page.evaluate(
    () => (window as unknown as { layoutShifts: { total: number } }).layoutShifts.total,
  );
  testInfo.annotations.push({ type: "cumulative layout shift", description: shifted.toFixed(4) });
  expect(shifted).toBeLessThan(0.1);
  await snap(page, testInfo, "batch page (phone)");

  const link = await page.getByTestId("result-link").inputValue();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const shared = await phone.newPage();
  await shared.goto(link);
  await expect(shared.getByTestId("swim-row")).toHaveCount(2);
  await expectNoSidewaysScroll(shared);
  await snap(shared, testInfo, "result link page (phone)");
  await phone.close();
});
