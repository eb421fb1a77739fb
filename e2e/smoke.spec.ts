import { expect, test } from "@playwright/test";

test("the built app loads and shows the service's health", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("health-status")).toContainText("Service ok");
  await testInfo.attach("home", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
});

test("an unknown API route answers with the error envelope", async ({ request }) => {
  const res = await request.get("/api/v1/does-not-exist");
  expect(res.status()).toBe(404);
  const body = await res.json();
  expect(body.error.code).toBe("NOT_FOUND");
});
