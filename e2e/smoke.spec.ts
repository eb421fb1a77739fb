import { expect, test } from "@playwright/test";

test("the built app loads and its health check answers", async ({ page }, testInfo) => {
  const health = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/v1/health");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The page says nothing while the service is fine, so check the answer it got and that no notice shows.
  expect((await health).ok()).toBe(true);
  await expect(page.getByRole("button", { name: "Find the swims" })).toBeVisible();
  await expect(page.getByTestId("service-down")).toHaveCount(0);
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
