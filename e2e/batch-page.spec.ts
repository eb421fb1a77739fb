/**
 * The batch page at a phone's size and a desktop's: running (page by page), finished with the results
 * first and the files folded, a file that is not results, a cancelled batch, and a lost connection.
 * Every state gets the sideways-scroll and axe checks.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import {
  makeMeetPdf,
  makePsychSheetPdf,
  meets,
  SWIMMER,
} from "@splitstream/extract/test-support/make-meet-pdf";
import { makePdf } from "@splitstream/extract/test-support/make-pdf";
import { createBatchViaApi, pdfFile, snap, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { expectAccessible, expectNoSidewaysScroll, NARROW_PHONE, SCREENS } from "./fixtures/page-checks.ts";
import { type PdfServer, startPdfServer } from "./fixtures/pdf-server.ts";

/** 120 characters of invented name: the header must wrap it, never widen the page. */
const LONG_NAME =
  "Maximiliana Theodora Wilhelmina Konstantinopoulou-Vanderbergh de la Fontaine-Ashworth Okonkwo-Lindqvist Abernathy-Smyth";
const LONG_FILE =
  "lakeside-winter-invitational-2026-session-3-finals-results-complete-with-splits-and-relay-legs-version-2-final.pdf";

let server: PdfServer;
let autumn: Buffer;
let winter: Buffer;
let psychSheet: Buffer;

test.beforeAll(async () => {
  server = await startPdfServer();
  [autumn, winter, psychSheet] = await Promise.all([
    makeMeetPdf(meets.autumn),
    makeMeetPdf(meets.winter),
    makePsychSheetPdf(),
  ]);
});

/**
 * Club notes (not results), new bytes per call so never cached, with pages enough that reading them
 * outlasts the progress throttle (250 ms) several times over, so "Reading page N of …" shows as it goes.
 */
const LONG_PDF_PAGES = 600;

async function manyPagesPdf(tag: string): Promise<Buffer> {
  return Buffer.from(
    await makePdf({
      pages: Array.from({ length: LONG_PDF_PAGES }, (_, page) => ({
        lines: Array.from({ length: 40 }, (_, line) => ({
          y: 40 + line * 18,
          items: [
            { x: 40, text: `Club notes ${tag}, page ${page + 1}, line ${line + 1}: training times and kit.` },
          ],
        })),
      })),
    }),
  );
}

test.afterAll(async () => {
  await server?.close();
});

test.describe.configure({ timeout: 180_000 });

/** Every job message and bar value the page ever showed, so a state that flashes by can still be checked. */
async function recordRows(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { messages: new Set<string>(), barValues: new Set<string>() };
    (window as unknown as { __rows: typeof seen }).__rows = seen;
    new MutationObserver(() => {
      for (const node of Array.from(document.querySelectorAll('[data-testid="job-message"]')))
        seen.messages.add(node.textContent ?? "");
      for (const node of Array.from(document.querySelectorAll('[data-testid="job-bar"][aria-valuenow]')))
        seen.barValues.add(node.getAttribute("aria-valuenow") ?? "");
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function recorded(page: Page): Promise<{ messages: string[]; barValues: string[] }> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __rows: { messages: Set<string>; barValues: Set<string> } }).__rows;
    return { messages: [...seen.messages], barValues: [...seen.barValues] };
  });
}

/**
 * Headless Chromium cannot show notifications and answers "denied": stand in for the Notification API,
 * recording what the page would show, and say the window is not focused (the person looks elsewhere).
 */
async function standInForNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: Array<{ title: string; body?: string }> = [];
    (window as unknown as { __notices: typeof shown }).__notices = shown;
    class StandInNotification {
      static permission: NotificationPermission = "default";
      static async requestPermission(): Promise<NotificationPermission> {
        StandInNotification.permission = "granted";
        return "granted";
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, "Notification", { value: StandInNotification, configurable: true });
    document.hasFocus = () => false;
  });
}

/** A TCP proxy in front of the app, so a test can cut the page's open event stream like a lost Wi-Fi. */
async function startCuttableProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let listener: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      listener = createServer((client) => {
        const upstream = connect(targetPort, "127.0.0.1");
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      listener.listen(port, "127.0.0.1", () => {
        port = (listener!.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  return {
    origin: () => `http://127.0.0.1:${port}`,
    /** Drops every open connection and refuses new ones. */
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        listener?.close(() => resolve());
      }),
    restore: listen,
  };
}

async function checkState(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  await expectNoSidewaysScroll(page, name);
  await expectAccessible(page, testInfo, name);
  await snap(page, testInfo, name);
}

for (const screen of SCREENS) {
  test.describe(`batch page on a ${screen.name}`, () => {
    test.use({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });

    test("while it runs: page by page, a bar that knows how far, the files listed, a notice offered", async ({
      page,
      context,
      request,
    }, testInfo) => {
      const held = `${screen.name}-running-${LONG_FILE}`;
      server.add(held, winter);
      await standInForNotifications(context);
      await recordRows(page);
      // The long PDF is held too, and let go once the page watches, so its pages are read in front of it.
      const notes = `${screen.name}-club-notes-${LONG_FILE}`;
      server.add(notes, await manyPagesPdf(`${screen.name} ${Date.now()}`));
      const id = await createBatchViaApi(request, {
        swimmer: LONG_NAME,
        urls: [server.url(notes, { held: true }), server.url(held, { held: true })],
      });
      // The estimate is asked for on a clock (every 5 s), not once per event: count the asks.
      let progressFetches = 0;
      page.on("request", (request) => {
        if (new URL(request.url()).pathname === `/api/v1/batches/${id}/progress`) progressFetches += 1;
      });
      const watchedFrom = Date.now();
      await page.goto(`/batches/${id}`);
      await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", /pending|processing/);
      await expect(page.getByTestId("batch-status")).toHaveText(/^(Reading|Waiting)/);
      const rows = page.getByTestId("job-row");
      await expect(rows).toHaveCount(2);
      await expect(page.getByTestId("files-summary")).toHaveCount(0);
      const download = page.locator('[data-testid="job-row"][data-status="downloading"]').first();
      await expect(download.getByTestId("job-message")).toContainText("Downloading from 127.0.0.1", {
        timeout: 30_000,
      });
      await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "live");
      await expect(page.getByRole("button", { name: "Cancel batch" })).toBeVisible();
      await checkState(page, testInfo, `${screen.name}: running`);

      await page.getByRole("button", { name: "Tell me when it's done" }).click();
      await expect(page.getByRole("button", { name: "Tell me when it's done" })).toHaveAttribute(
        "aria-pressed",
        "true",
      );

      // The long file is read page by page while the other URL is held; it is not results, so it fails.
      server.release(notes);
      const upload = rows.filter({ hasText: "club-notes" });
      await expect(upload).toHaveAttribute("data-status", "failed", { timeout: 90_000 });
      const seen = await recorded(page);
      console.log(
        `page messages seen: ${seen.messages.filter((m) => /page \d+ of/.test(m)).length}, bar values: ${seen.barValues.join(" ")}`,
      );
      const watchedSeconds = (Date.now() - watchedFrom) / 1000;
      console.log(`progress fetched ${progressFetches} times in ${watchedSeconds.toFixed(1)} s`);
      // The first read, one per 5 s, and a spare; a fetch per page event would be dozens.
      expect(progressFetches).toBeLessThanOrEqual(Math.ceil(watchedSeconds / 5) + 2);
      // More than the last page: the page is told as the parser goes, not only once it has finished.
      const pageMessage = new RegExp(`^Reading page \\d+ of ${LONG_PDF_PAGES}$`);
      expect(seen.messages.filter((message) => pageMessage.test(message)).length).toBeGreaterThan(1);
      // A bar that knows how far (aria-valuenow set) was shown; an indeterminate one has no value.
      expect(seen.barValues.some((value) => Number(value) > 0 && Number(value) < 100)).toBe(true);

      if (screen.name === "phone") {
        await page.setViewportSize(NARROW_PHONE);
        await expectNoSidewaysScroll(page, "running at 360 px");
        await page.setViewportSize(screen.viewport);
      }

      server.release(held);
      await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "partial", {
        timeout: 90_000,
      });
      const notices = await page.evaluate(
        () => (window as unknown as { __notices: Array<{ title: string; body?: string }> }).__notices,
      );
      expect(notices).toEqual([
        {
          title: `${LONG_NAME}: the results are ready`,
          body: expect.stringMatching(/^Done: 1 of 2 files read/),
        },
      ]);
    });

    test("once finished: the results first, the files in one line that opens", async ({
      page,
      request,
    }, testInfo) => {
      const url = `${screen.name}-finished-winter.pdf`;
      server.add(url, winter);
      server.add(`${screen.name}-psych.pdf`, psychSheet);
      // Three files in one batch: one upload and two URLs (the API helper takes one file).
      const id = await createBatchViaApi(request, {
        swimmer: SWIMMER,
        files: [pdfFile(`${screen.name}-${LONG_FILE}`, autumn)],
        urls: [server.url(url), server.url(`${screen.name}-psych.pdf`)],
      });
      await waitForBatchStatus(request, id, ["partial", "completed", "failed"]);
      await page.goto(`/batches/${id}`);
      const status = page.getByTestId("batch-status");
      await expect(status).toHaveAttribute("data-status", "partial");
      await expect(status).toHaveText("Done: 2 of 3 files read, 1 could not be read");
      await expect(page.getByTestId("results")).toBeInViewport();
      await expect(page.getByTestId("swim-row").first()).toBeVisible();
      const files = page.getByTestId("files-summary");
      await expect(files).not.toHaveAttribute("open");
      await expect(page.getByTestId("files-summary-line")).toHaveText(
        "2 files read · 2 swims · 1 not a results file",
      );
      await expect(page.getByTestId("job-row").first()).toBeHidden();
      await expect(page.getByTestId("result-link")).toBeVisible();
      await expect(page.getByTestId("retry-button")).toHaveCount(0);
      await checkState(page, testInfo, `${screen.name}: finished, files folded`);

      await files.locator(":scope > summary").click();
      await expect(files).toHaveAttribute("open");
      await expect(page.getByTestId("job-row")).toHaveCount(3);
      await expect(page.getByTestId("job-row").first()).toBeVisible();
      await checkState(page, testInfo, `${screen.name}: finished, files open`);
      if (screen.name === "phone") {
        await page.setViewportSize(NARROW_PHONE);
        await expectNoSidewaysScroll(page, "finished at 360 px");
      }
    });

    test("a file that is not results: one sentence, failed at Extracting, no Retry, no share box", async ({
      page,
      request,
    }, testInfo) => {
      const id = await createBatchViaApi(request, {
        swimmer: SWIMMER,
        files: [pdfFile(`${screen.name}-psych-sheet.pdf`, psychSheet)],
      });
      await waitForBatchStatus(request, id, ["failed"]);
      await page.goto(`/batches/${id}`);
      await expect(page.getByTestId("batch-status")).toHaveText("Done, but the file could not be read");
      // No file read, so no results to put first: the files open by themselves.
      await expect(page.getByTestId("files-summary")).toHaveAttribute("open");
      const row = page.getByTestId("job-row");
      await expect(row).toHaveAttribute("data-status", "failed");
      const sentence = row.locator(".job-error");
      await expect(sentence).toHaveText(
        "This is not a results file (it looks like an entry list, psych sheet or similar). Trying again will not change this.",
      );
      // The code is only in the details line, folded away.
      await expect(row.getByText("Code NOT_RESULTS", { exact: false })).toBeHidden();
      await expect(row.locator('[data-stage="extracting"]')).toHaveAttribute("data-state", "failed");
      await expect(row.locator('[data-stage="caching"]')).toHaveAttribute("data-state", "upcoming");
      await expect(page.getByTestId("retry-button")).toHaveCount(0);
      await expect(page.getByTestId("result-link")).toHaveCount(0);
      await row.getByText("Details").click();
      await expect(row.getByText("Code NOT_RESULTS", { exact: false })).toBeVisible();
      await checkState(page, testInfo, `${screen.name}: not a results file`);
    });

    test("a cancelled batch: Retry offered, no stale progress, no share box; Retry runs it to the end", async ({
      page,
      request,
    }, testInfo) => {
      const held = `${screen.name}-cancel-${LONG_FILE}`;
      server.add(held, autumn);
      const id = await createBatchViaApi(request, {
        swimmer: LONG_NAME,
        urls: [server.url(held, { held: true })],
      });
      await page.goto(`/batches/${id}`);
      const row = page.getByTestId("job-row");
      await expect(row).toHaveAttribute("data-status", "downloading", { timeout: 30_000 });
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Cancel batch" }).click();
      const status = page.getByTestId("batch-status");
      await expect(status).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
      await expect(status).toHaveText("Cancelled before any file was read");
      await expect(page.getByRole("button", { name: "Cancel batch" })).toHaveCount(0);
      const retry = page.getByRole("button", { name: "Try again (1 file)" });
      await expect(retry).toBeVisible();
      await expect(page.getByTestId("result-link")).toHaveCount(0);
      await expect(page.getByTestId("files-summary")).toHaveAttribute("open");
      await expect(row).toHaveAttribute("data-status", "cancelled");
      await expect(page.getByText(/Reading the PDF|Downloading from/)).toHaveCount(0);
      await expect(row.getByTestId("job-message")).toHaveText("Cancelled before it was finished.");
      await expect(row.getByRole("progressbar")).toHaveCount(0);
      await checkState(page, testInfo, `${screen.name}: cancelled`);
      if (screen.name === "phone") {
        await page.setViewportSize(NARROW_PHONE);
        await expectNoSidewaysScroll(page, "cancelled at 360 px");
        await page.setViewportSize(screen.viewport);
      }

      server.release(held);
      await retry.click();
      await expect(status).toHaveAttribute("data-status", "completed", { timeout: 90_000 });
      await expect(page.getByTestId("files-summary-line")).toHaveText("1 file read · 0 swims");
    });

    test("a lost connection: a plain note, and the bars stand still", async ({
      page,
      request,
      baseURL,
    }, testInfo) => {
      const held = `${screen.name}-offline.pdf`;
      server.add(held, winter);
      const proxy = await startCuttableProxy(Number(new URL(baseURL!).port));
      const id = await createBatchViaApi(request, {
        swimmer: SWIMMER,
        urls: [server.url(held, { held: true })],
      });
      await page.goto(`${proxy.origin()}/batches/${id}`);
      const connection = page.getByTestId("connection");
      await expect(connection).toHaveAttribute("data-state", "live", { timeout: 30_000 });
      const fill = page.locator(".job-bar-fill");
      await expect(fill).toHaveCount(1, { timeout: 30_000 });
      const animation = () =>
        fill.evaluate((node) => {
          const style = getComputedStyle(node);
          return { name: style.animationName, state: style.animationPlayState };
        });
      const before = await animation();
      // Live: an unknown amount of work slides; a known amount has no animation at all.
      expect(before.name === "none" || before.state === "running").toBe(true);

      await proxy.cut();
      await expect(connection).toHaveAttribute("data-state", /reconnecting|offline/, { timeout: 20_000 });
      await page.context().setOffline(true);
      await expect(connection).toHaveAttribute("data-state", "offline");
      await expect(page.getByTestId("connection-note")).toContainText("You are offline");
      const after = await animation();
      expect(after.name === "none" || after.state === "paused").toBe(true);
      await checkState(page, testInfo, `${screen.name}: offline`);

      await proxy.restore();
      await page.context().setOffline(false);
      await expect(connection).toHaveAttribute("data-state", "live", { timeout: 30_000 });
      expect((await animation()).state).not.toBe("paused");
      server.release(held);
      await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed", {
        timeout: 90_000,
      });
      await proxy.cut();
    });
  });
}
