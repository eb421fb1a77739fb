/**
 * The home page on a phone and a desktop: the whole form on the first screen, this device's recent
 * batches after a reload (with their status, "Gone" for a missing one, forget one and all), no e-mail
 * field without SMTP, a plain notice when the service is down, nothing sideways at 360 px with a
 * 120-character name, and a question before leaving during an upload.
 */
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { makeMeetPdf, meets, SWIMMER } from "@splitstream/extract/test-support/make-meet-pdf";
import { pdfFile, snap, submitBatch, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { expectFitsAndAccessible, NARROW_PHONE, SCREENS } from "./fixtures/page-checks.ts";

test.describe.configure({ timeout: 150_000 });

const RECENT_KEY = "splitstream.recent-batches.v1";
/** 120 characters, the longest name the service takes, with no place to break it. */
const LONG_NAME = `INVENTED-LONGNAME-${"Abcdefghij".repeat(11)}`.slice(0, 120);

let meetPdf: Buffer;
test.beforeAll(async () => {
  meetPdf = await makeMeetPdf(meets.autumn);
});

/** Opens the home page and waits until the health check has answered, so the form shows its final fields. */
async function openHome(page: Page): Promise<void> {
  const health = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/v1/health");
  await page.goto("/");
  await health;
  await expect(page.getByRole("button", { name: "Find the swims" })).toBeVisible();
}

/** Interactive things that are on screen and less than 44 px tall (the skip link hides off-screen). */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("a, button, input, textarea, select, summary"))
      .filter((element) => !element.closest(".skip-link, .visually-hidden"))
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 1 && box.height < 44)
      .map(
        ({ element, box }) =>
          `${element.tagName} "${element.textContent?.trim() || element.getAttribute("aria-label") || element.id}" is ${Math.round(box.height)} px tall`,
      ),
  );
}

for (const screen of SCREENS) {
  test.describe(`on a ${screen.name}`, () => {
    test.use({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });

    test("the name, the PDF picker and Find the swims are on the first screen; no e-mail field without SMTP", async ({
      page,
    }, testInfo) => {
      await openHome(page);
      const viewport = screen.viewport;
      for (const [what, locator] of [
        ["name field", page.getByLabel("Swimmer's name")],
        ["PDF picker", page.getByRole("button", { name: "Choose PDFs…" })],
        ["links field", page.getByLabel("Links to results PDFs")],
        ["Find the swims", page.getByRole("button", { name: "Find the swims" })],
      ] as const) {
        const box = await locator.boundingBox();
        expect(box, `${what} has a box`).not.toBeNull();
        if (!box) continue;
        testInfo.annotations.push({
          type: `${what} (${screen.name})`,
          description: `top ${Math.round(box.y)} px, bottom ${Math.round(box.y + box.height)} px of ${viewport.height}`,
        });
        expect(box.y, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, `${what} ends above the fold`).toBeLessThanOrEqual(viewport.height);
      }
      // The e2e server has no SMTP_URL, so health says e-mail is off and the field is not offered.
      await expect(page.getByLabel(/E-mail/)).toHaveCount(0);
      // Parents see no database words, and nothing at all while the service is fine.
      await expect(page.getByRole("banner")).not.toContainText(/database|pglite|postgres/i);
      await expect(page.getByTestId("service-down")).toHaveCount(0);
      await expect(page.getByRole("contentinfo").getByRole("link", { name: "Admin" })).toHaveAttribute(
        "href",
        "/admin",
      );
      expect(await smallTapTargets(page)).toEqual([]);
      await expectFitsAndAccessible(page, testInfo, `home page (${screen.name})`);
      await snap(page, testInfo, `home page (${screen.name})`);
    });

    test("recent batches are listed after a reload with their status, and can be forgotten", async ({
      page,
      request,
    }, testInfo) => {
      const swimmer = SWIMMER;
      const batchId = await submitBatch(page, {
        swimmer,
        files: [pdfFile(`recent-${screen.name}.pdf`, meetPdf)],
      });
      await waitForBatchStatus(request, batchId, ["completed"]);
      // A batch this device remembers but the service no longer has (expired or deleted).
      const goneId = randomUUID();
      await page.evaluate(
        ({ key, goneId }) => {
          const stored = JSON.parse(localStorage.getItem(key) ?? "null");
          stored.batches.push({
            id: goneId,
            swimmerName: "INVENTED Gone Swimmer",
            fileCount: 3,
            createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
          });
          localStorage.setItem(key, JSON.stringify(stored));
        },
        { key: RECENT_KEY, goneId },
      );

      await openHome(page);
      await page.reload();
      const list = page.getByTestId("recent-batches");
      const items = list.getByTestId("recent-batch");
      await expect(items).toHaveCount(2);
      const done = page.locator(`[data-testid="recent-batch"][data-batch-id="${batchId}"]`);
      await expect(done).toContainText(swimmer);
      await expect(done).toContainText("1 file");
      await expect(done).toContainText("Today");
      await expect(done.getByTestId("recent-status")).toHaveText("Done");
      const gone = page.locator(`[data-testid="recent-batch"][data-batch-id="${goneId}"]`);
      await expect(gone.getByTestId("recent-status")).toContainText("Gone");
      await expect(gone).toContainText("3 files");
      await expect(gone.getByRole("link")).toHaveCount(0);
      expect(await smallTapTargets(page)).toEqual([]);
      await expectFitsAndAccessible(page, testInfo, `recent batches (${screen.name})`);
      await snap(page, testInfo, `recent batches (${screen.name})`);

      // The remembered batch opens its page.
      await done.getByRole("link", { name: swimmer }).click();
      await expect(page).toHaveURL(new RegExp(`/batches/${batchId}$`));
      await page.goBack();

      await gone.getByRole("button", { name: /^Forget INVENTED Gone Swimmer/ }).click();
      await expect(items).toHaveCount(1);
      await page.reload();
      await expect(items).toHaveCount(1);
      await expect(items.first()).toHaveAttribute("data-batch-id", batchId);
      await expectFitsAndAccessible(page, testInfo, `recent batches after forgetting one (${screen.name})`);

      await list.getByRole("button", { name: "Forget all" }).click();
      await expect(list).toHaveCount(0);
      await page.reload();
      await expect(page.getByRole("button", { name: "Find the swims" })).toBeVisible();
      await expect(page.getByTestId("recent-batches")).toHaveCount(0);
      await expectFitsAndAccessible(page, testInfo, `home page after forgetting all (${screen.name})`);

      // A batch opened from its link (as from a message on another device) is remembered here too.
      await page.goto(`/batches/${batchId}`);
      await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed");
      await openHome(page);
      await expect(page.getByTestId("recent-batch")).toHaveCount(1);
      await expect(page.getByTestId("recent-batch")).toHaveAttribute("data-batch-id", batchId);
    });

    test("leaving during an upload asks first, and only then", async ({ page }, testInfo) => {
      const dialogs: string[] = [];
      let expectingDialog = false;
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.type());
        // Staying is the answer under test; any other dialog is let through so the counts below fail.
        void (expectingDialog ? dialog.dismiss() : dialog.accept());
      });
      // Holds the upload in flight until the test lets it go, as a slow pool-side connection would.
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/api/v1/batches", async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        await released;
        await route.continue();
      });

      await openHome(page);
      await page.getByLabel("Swimmer's name").fill(SWIMMER);
      await page.locator('input[type="file"]').setInputFiles([pdfFile(`leave-${screen.name}.pdf`, meetPdf)]);
      // A filled form that is not sending yet lets the page go without asking.
      await page.reload();
      await expect(page.getByRole("button", { name: "Find the swims" })).toBeVisible();
      expect(dialogs).toEqual([]);

      await page.getByLabel("Swimmer's name").fill(SWIMMER);
      await page.locator('input[type="file"]').setInputFiles([pdfFile(`leave-${screen.name}.pdf`, meetPdf)]);
      await page.getByRole("button", { name: "Find the swims" }).click();
      await expect(page.getByRole("button", { name: "Uploading…" })).toBeDisabled();
      await expect(page.getByTestId("upload-progress")).toContainText("Keep this page open");
      await expectFitsAndAccessible(page, testInfo, `home page while uploading (${screen.name})`);

      expectingDialog = true;
      const asked = page.waitForEvent("dialog");
      await page.close({ runBeforeUnload: true });
      await asked;
      expect(dialogs).toEqual(["beforeunload"]);
      expect(page.isClosed()).toBe(false);
      expectingDialog = false;
      await expect(page.getByRole("button", { name: "Uploading…" })).toBeVisible();

      release();
      await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      const batchId = page.url().split("/").pop();
      // Once sent, the page may go without asking, and the batch is remembered on this device.
      await page.goto("/");
      await expect(page.locator(`[data-testid="recent-batch"][data-batch-id="${batchId}"]`)).toBeVisible();
      expect(dialogs).toEqual(["beforeunload"]);
    });

    test("the e-mail field appears only when the server can send, and a down service says so plainly", async ({
      page,
    }, testInfo) => {
      // Stand-in for a server with SMTP configured: the real health answer, with e-mail switched on.
      await page.route("**/api/v1/health", async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        await route.fulfill({ response, json: { ...body, email: { enabled: true } } });
      });
      await openHome(page);
      const emailField = page.getByLabel(/E-mail/);
      await expect(emailField).toBeVisible();
      await emailField.fill("not-an-address");
      await page.getByLabel("Swimmer's name").fill(SWIMMER);
      await page.locator('input[type="file"]').setInputFiles([pdfFile("email.pdf", meetPdf)]);
      await page.getByRole("button", { name: "Find the swims" }).click();
      await expect(page.getByText("Not a valid e-mail address.")).toBeVisible();
      await expect(emailField).toBeFocused();
      await expectFitsAndAccessible(page, testInfo, `home page with the e-mail field (${screen.name})`);

      // The service not answering: a plain sentence, and no e-mail field on a guess.
      await page.unrouteAll({ behavior: "wait" });
      await page.route("**/api/v1/health", (route) => route.abort("connectionrefused"));
      await page.reload();
      await expect(page.getByTestId("service-down")).toHaveText(
        "The service is not answering; try again in a minute.",
      );
      await expect(page.getByLabel(/E-mail/)).toHaveCount(0);
      await expectFitsAndAccessible(page, testInfo, `home page, service down (${screen.name})`);
      await snap(page, testInfo, `home page, service down (${screen.name})`);
    });
  });
}

test.describe("on a narrow phone", () => {
  test.use({ viewport: NARROW_PHONE, isMobile: true, hasTouch: true });

  test("nothing scrolls sideways with a 120-character name, long file names and a long remembered name", async ({
    page,
  }, testInfo) => {
    expect(LONG_NAME).toHaveLength(120);
    await openHome(page);
    await page.evaluate(
      ({ key, name }) =>
        localStorage.setItem(
          key,
          JSON.stringify({
            version: 1,
            batches: [
              {
                id: crypto.randomUUID(),
                swimmerName: name,
                fileCount: 12,
                createdAt: new Date().toISOString(),
              },
            ],
          }),
        ),
      { key: RECENT_KEY, name: LONG_NAME },
    );
    await page.reload();
    await expect(page.getByTestId("recent-status")).toContainText("Gone");
    await page.getByLabel("Swimmer's name").pressSequentially(LONG_NAME, { delay: 0 });
    await expect(page.getByLabel("Swimmer's name")).toHaveValue(LONG_NAME);
    const longFile = `${"Championnats-regionaux-hiver-resultats-complets-".repeat(3)}2026.pdf`;
    await page
      .locator('input[type="file"]')
      .setInputFiles([pdfFile(longFile, meetPdf), pdfFile(`b-${longFile}`, meetPdf)]);
    await expect(page.getByRole("list", { name: "Chosen files" }).getByRole("listitem")).toHaveCount(2);
    await page
      .getByLabel("Links to results PDFs")
      .fill(`https://results.example.org/${"very-long-path-segment-".repeat(8)}meet.pdf`);
    expect(await smallTapTargets(page)).toEqual([]);
    await expectFitsAndAccessible(page, testInfo, "home page, narrow phone, long names");
    await snap(page, testInfo, "home page, narrow phone, long names");
  });
});
