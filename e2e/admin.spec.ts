import { expect, test } from "@playwright/test";
import { makeMeetPdf, makeNotResultsPdf, meets } from "../packages/extract/src/test-support/make-meet-pdf.ts";
import { createBatchViaApi, pdfFile, snap, waitForBatchStatus } from "./fixtures/dashboard.ts";

const ADMIN_TOKEN = "e2e-admin-token-0123456789";

test.describe.configure({ timeout: 150_000 });

test("admin: login, filters and paging, resolve an error, open a result link, delete", async ({
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
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  // The session lives in an HttpOnly cookie, out of reach of page scripts.
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.httpOnly)).toBe(true);
  expect(await page.evaluate("document.cookie")).not.toContain(ADMIN_TOKEN);

  await expect(page.getByTestId("admin-summary")).toBeVisible();
  await expect(page.getByTestId("error-rate")).toHaveText(/%$/);
  await expect(page.getByTestId("cache-hit-rate")).toHaveText(/%$/);
  await expect(page.getByTestId("admin-workers")).toBeVisible();
  await snap(page, testInfo, "admin page");

  // Filter by swimmer, then by status.
  const batches = page.getByTestId("admin-batches");
  await page.getByLabel("Swimmer").fill(tag);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batches.getByTestId("admin-batch-row")).toHaveCount(2);
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batches.getByTestId("admin-batch-row")).toHaveCount(1);
  await expect(batches).toContainText(badName);
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Swimmer").fill(okName);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batches.getByTestId("admin-batch-row")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Batch pages" })).toContainText("Page 1 of 1");

  // Open the result link from the batch row.
  const popupPromise = page.waitForEvent("popup");
  await batches.getByRole("link", { name: "Result link" }).click();
  const popup = await popupPromise;
  await expect(popup.getByRole("heading", { level: 1 })).toHaveText(okName);
  await popup.close();

  // Resolve the failed batch's error.
  const errors = page.getByTestId("admin-errors");
  const errorRow = errors
    .getByTestId("admin-error-row")
    .filter({ hasText: /NOT_RESULTS|UNSUPPORTED_FORMAT/ })
    .first();
  await expect(errorRow).toBeVisible();
  const before = await errors.getByTestId("admin-error-row").count();
  await errorRow.getByRole("button", { name: /^Mark resolved: error / }).click();
  await expect(errors.getByTestId("admin-error-row")).toHaveCount(before - 1);
  await page.getByLabel("Show").selectOption("true");
  await expect(errors.getByText(/Resolved by/).first()).toBeVisible();
  await snap(page, testInfo, "admin page (after resolving)");

  // Delete the failed batch.
  await page.getByLabel("Swimmer").fill(badName);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(batches.getByTestId("admin-batch-row")).toHaveCount(1);
  page.once("dialog", (dialog) => void dialog.accept());
  await batches.getByRole("button", { name: `Delete batch of ${badName}` }).click();
  await expect(batches.getByTestId("admin-batch-row")).toHaveCount(0);
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
