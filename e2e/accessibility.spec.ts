/**
 * Every page, checked by axe-core against WCAG 2.1 A and AA (labels, names, contrast, landmarks, ARIA)
 * in the states people see: the form with its errors, a finished batch with a failed file, the result
 * link, the admin sign-in and the signed-in dashboard.
 */
import { expect, test } from "@playwright/test";
import {
  makeMeetPdf,
  makeNotResultsPdf,
  meets,
  SWIMMER,
} from "@splitstream/extract/test-support/make-meet-pdf";
import { createBatchViaApi, pdfFile, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { expectAccessible } from "./fixtures/page-checks.ts";

const ADMIN_TOKEN = "e2e-admin-token-0123456789";
test.describe.configure({ timeout: 150_000 });

test("every page meets WCAG 2.1 AA as axe-core checks it", async ({ page, request }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Find the swims" })).toBeVisible();
  await expectAccessible(page, testInfo, "new batch page");
  await page.getByRole("button", { name: "Find the swims" }).click();
  await expect(page.getByText(/at least 2 characters/)).toBeVisible();
  await expectAccessible(page, testInfo, "new batch page with field errors");

  const [meet, newsletter] = await Promise.all([makeMeetPdf(meets.autumn), makeNotResultsPdf()]);
  const batchId = await createBatchViaApi(request, { swimmer: SWIMMER, files: [pdfFile("a11y.pdf", meet)] });
  const failedId = await createBatchViaApi(request, {
    swimmer: SWIMMER,
    files: [pdfFile("a11y-newsletter.pdf", newsletter)],
  });
  await waitForBatchStatus(request, batchId, ["completed"]);
  await waitForBatchStatus(request, failedId, ["failed"]);

  await page.goto(`/batches/${batchId}`);
  await expect(page.getByTestId("swim-row")).toHaveCount(1);
  await expectAccessible(page, testInfo, "finished batch page");
  await page.goto(`/batches/${failedId}`);
  await expect(page.getByTestId("job-error")).toBeVisible();
  await expectAccessible(page, testInfo, "batch page with a failed file");

  await page.goto(`/batches/${batchId}`);
  await page.goto(await page.getByTestId("result-link").inputValue());
  await expect(page.getByTestId("swim-row")).toHaveCount(1);
  await expectAccessible(page, testInfo, "result link page");
  await page.goto("/r/AAAAAAAAAAAA");
  await expect(page.getByTestId("dead-link")).toBeVisible();
  await expectAccessible(page, testInfo, "unknown result link page");

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin sign-in" })).toBeVisible();
  await expectAccessible(page, testInfo, "admin sign-in");
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("admin-summary")).toBeVisible();
  await expect(page.getByTestId("admin-batches")).toBeVisible();
  await expectAccessible(page, testInfo, "admin dashboard");
});
