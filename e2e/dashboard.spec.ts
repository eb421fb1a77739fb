import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import {
  makeMeetPdf,
  makeNotResultsPdf,
  meets,
  SWIMMER,
} from "@splitstream/extract/test-support/make-meet-pdf";
import { createBatchViaApi, pdfFile, snap, submitBatch, waitForBatchStatus } from "./fixtures/dashboard.ts";
import { type PdfServer, startPdfServer } from "./fixtures/pdf-server.ts";

let server: PdfServer;
let autumn: Buffer;
let winter: Buffer;
let spring: Buffer;

test.beforeAll(async () => {
  server = await startPdfServer();
  [autumn, winter, spring] = await Promise.all([
    makeMeetPdf(meets.autumn),
    makeMeetPdf(meets.winter),
    makeMeetPdf(meets.spring),
  ]);
  server.add("spring.pdf", spring);
  server.add("autumn.pdf", autumn);
});

test.afterAll(async () => {
  await server?.close();
});

test.describe.configure({ timeout: 150_000 });

test("two PDFs and a URL: every row reaches done, swims, a personal best, CSV and the result link", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto("/");
  await page.getByLabel("Swimmer's name").fill(SWIMMER);
  await page
    .locator('input[type="file"]')
    .setInputFiles([pdfFile("autumn-meet.pdf", autumn), pdfFile("winter-meet.pdf", winter)]);
  await expect(page.getByRole("list", { name: "Chosen files" }).getByRole("listitem")).toHaveCount(2);
  await page.getByLabel("Links to results PDFs").fill(server.url("spring.pdf"));
  await snap(page, testInfo, "new batch page", "new-batch-page.png");
  await page.getByRole("button", { name: "Find the swims" }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);

  const rows = page.getByTestId("job-row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed", {
    timeout: 120_000,
  });
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute("data-status", "completed");
    await expect(row.locator('[data-stage="done"]')).toHaveClass(/step-complete/);
  }
  // Finished: the swims come first, the files fold into one line.
  await expect(page.getByTestId("files-summary-line")).toHaveText("3 files read · 3 swims");
  await expect(page.getByTestId("connection")).toHaveAttribute("data-state", "finished");

  await expect(page.getByTestId("swim-row")).toHaveCount(3);
  const bests = page.getByTestId("personal-bests");
  await expect(bests).toContainText("200 Backstroke");
  await expect(bests).toContainText("2:02.55"); // the faster of the two 200s
  await expect(bests).toContainText("59.61");
  await expect(page.getByRole("region", { name: "2021 ISL Final" })).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("fernwood-ivy-results.csv");
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true); // Excel reads it as UTF-8 only with the mark
  expect(csv.split("\r\n")[0]).toContain("date,date_is_meet_start,meet,meet_start_date,course");
  expect(csv).toContain("2020-10-16,false,2020 ISL Preliminaries");
  expect(csv).toContain("50m 28.89; 100m 1:00.34; 150m 1:31.99");
  expect(csv).toContain("2:02.70");
  expect(csv).toContain("2021 ISL Final");
  expect(csv.trim().split("\r\n")).toHaveLength(4);

  // Sorting by time puts the fastest swim of a meet first (each fixture meet has one swim, so check the toggle).
  // Scoped to a meet's table: the personal-bests table above has a (plain) Time column too.
  const timeHeader = page
    .getByRole("region", { name: "2021 ISL Final" })
    .getByRole("columnheader", { name: /Time/ });
  await timeHeader.getByRole("button").click();
  await expect(timeHeader).toHaveAttribute("aria-sort", "ascending");

  await snap(page, testInfo, "batch page (finished)", "batch-page.png");

  const link = await page.getByTestId("result-link").inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{12}$/);
  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  await shared.goto(link);
  await expect(shared.getByRole("heading", { level: 1 })).toHaveText(SWIMMER);
  await expect(shared.getByTestId("swim-row")).toHaveCount(3);
  await expect(shared.getByRole("button", { name: "Cancel batch" })).toHaveCount(0);
  await snap(shared, testInfo, "result link page", "result-page.png");
  await stranger.close();
});

test("a resubmitted PDF is served from the cache and shown as cached", async ({
  page,
  request,
}, testInfo) => {
  const first = await createBatchViaApi(request, {
    swimmer: SWIMMER,
    files: [pdfFile("autumn.pdf", autumn)],
  });
  await waitForBatchStatus(request, first, ["completed"]);

  await submitBatch(page, { swimmer: SWIMMER, files: [pdfFile("autumn-again.pdf", autumn)] });
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed", {
    timeout: 60_000,
  });
  await page.getByTestId("files-summary").locator(":scope > summary").click();
  const row = page.getByTestId("job-row");
  await expect(row.getByTestId("cached-badge")).toHaveText("cached");
  await expect(row.locator('[data-stage="extracting"]')).toContainText("(cached)");
  await expect(row.getByTestId("job-message")).toContainText("read before");
  await expect(page.getByTestId("swim-row")).toHaveCount(1);
  await snap(page, testInfo, "batch page (cached)");
});

test("a misspelt name finds nobody, offers the close name, and the chosen one shows the swims; the pool can be set", async ({
  page,
  request,
}, testInfo) => {
  const id = await createBatchViaApi(request, {
    swimmer: "Ivy Fernwod",
    files: [pdfFile("autumn.pdf", autumn)],
  });
  await waitForBatchStatus(request, id, ["completed"]);
  await page.goto(`/batches/${id}`);
  const noSwims = page.getByTestId("no-swims");
  await expect(noSwims).toContainText('No swims for "Ivy Fernwod"');
  await snap(page, testInfo, "batch page (did you mean)");
  await noSwims.getByRole("button", { name: `${SWIMMER} · 1 swim` }).click();
  await expect(page.getByTestId("swim-row")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SWIMMER);
  const bests = page.getByTestId("personal-bests");
  await expect(bests).toContainText("SCM");

  await page.getByLabel("Pool:").selectOption("LCM");
  await expect(bests).toContainText("LCM");
  await expect(page.getByText("(set by you)")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("personal-bests")).toContainText("LCM");
});

test("a file that is not results fails in one plain sentence, its code in the details, and offers no retry", async ({
  page,
}, testInfo) => {
  await submitBatch(page, {
    swimmer: SWIMMER,
    files: [pdfFile("club-newsletter.pdf", await makeNotResultsPdf())],
  });
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "failed", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("batch-status")).toHaveText("Done, but the file could not be read");
  await expect(page.getByTestId("files-summary")).toHaveAttribute("open");
  const row = page.getByTestId("job-row");
  await expect(row).toHaveAttribute("data-status", "failed");
  await expect(row.locator(".job-error")).toContainText(
    /not a results file|cannot read the layout of these results/,
  );
  await expect(row.locator(".job-error")).not.toContainText(/NOT_RESULTS|UNSUPPORTED_FORMAT/);
  await row.getByText("Details").click();
  await expect(row.getByTestId("job-error")).toContainText(/Code (NOT_RESULTS|UNSUPPORTED_FORMAT)/);
  // The same bytes would fail the same way: nothing to try again.
  await expect(page.getByTestId("retry-button")).toHaveCount(0);
  await snap(page, testInfo, "batch page (failed file)");
});

test("the form checks files, URLs and the name before anything is uploaded", async ({ page }, testInfo) => {
  let posted = false;
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().includes("/api/v1/batches")) posted = true;
  });
  await page.goto("/");
  await page
    .locator('input[type="file"]')
    .setInputFiles([
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") },
      pdfFile("good.pdf", autumn),
      pdfFile("good-copy.pdf", autumn),
    ]);
  await expect(page.getByRole("alert").filter({ hasText: "notes.txt: not a PDF." })).toBeVisible();
  const chosen = page.getByRole("list", { name: "Chosen files" }).getByRole("listitem");
  await expect(chosen).toHaveCount(2);
  await page.getByRole("button", { name: "Remove good-copy.pdf" }).click();
  await expect(chosen).toHaveCount(1);

  await page
    .getByLabel("Links to results PDFs")
    .fill("https://example.org/a.pdf\nftp://example.org/b.pdf\nnot a url");
  // No e-mail field here: the e2e server has no SMTP (home.spec.ts checks the field where it is offered).
  await page.getByRole("button", { name: "Find the swims" }).click();
  await expect(page.getByLabel("Swimmer's name")).toBeFocused();
  await expect(page.getByText(/at least 2 characters/)).toBeVisible();
  await expect(page.getByText(/Line 2: Only http and https/)).toBeVisible();
  await expect(page.getByText(/Line 3:/)).toBeVisible();
  await expect(page.getByLabel("Swimmer's name")).toHaveAttribute("aria-invalid", "true");
  expect(posted).toBe(false);
  await snap(page, testInfo, "new batch page (field errors)");
});

test("cancel stops a running batch", async ({ page }, testInfo) => {
  server.add("slow-cancel.pdf", winter);
  await submitBatch(page, { swimmer: SWIMMER, urls: [server.url("slow-cancel.pdf", { held: true })] });
  const row = page.getByTestId("job-row");
  await expect(row).toHaveAttribute("data-status", /downloading|processing/, { timeout: 30_000 });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel batch" }).click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "cancelled", {
    timeout: 30_000,
  });
  await expect(row).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByRole("button", { name: "Cancel batch" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Try again (1 file)" })).toBeVisible();
  await snap(page, testInfo, "batch page (cancelled)");
  server.release("slow-cancel.pdf");
});

test("a dropped stream reconnects, replayed events are not applied twice, and a reload resumes", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  server.add("slow-reconnect.pdf", spring);
  let connections = 0;
  const seen: string[] = [];
  await page.route("**/api/v1/batches/*/events*", async (route) => {
    connections += 1;
    const headers = route.request().headers();
    if (connections === 1) {
      // First connection: pass on what the server sends for a moment, then drop the stream.
      const controller = new AbortController();
      const res = await fetch(route.request().url(), {
        headers: {
          accept: "text/event-stream",
          ...(headers["last-event-id"] ? { "last-event-id": headers["last-event-id"] } : {}),
        },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      let text = "";
      const until = Date.now() + 2_500;
      while (Date.now() < until) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), until - Date.now())),
        ]);
        if (!chunk || chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      controller.abort();
      const complete = text.slice(0, text.lastIndexOf("\n\n") + 2);
      seen.push(complete);
      await route.fulfill({ status: 200, contentType: "text/event-stream", body: complete });
      return;
    }
    if (connections === 2) {
      // Second connection: ask the server to replay everything, so the page receives duplicates.
      // The browser's own reconnect sends the Last-Event-ID header; the page's reconnect (after the
      // browser gives up) names the id in the URL instead. Either way it must carry the last id seen.
      const resumeFrom =
        headers["last-event-id"] ?? new URL(route.request().url()).searchParams.get("lastEventId");
      seen.push(`reconnect from ${resumeFrom ?? "(none)"}`);
      await route.continue({ headers: { ...headers, "last-event-id": "0" } });
      return;
    }
    await route.continue();
  });

  const batchId = await submitBatch(page, {
    swimmer: SWIMMER,
    files: [pdfFile("autumn-r.pdf", autumn), pdfFile("winter-r.pdf", winter)],
    urls: [server.url("slow-reconnect.pdf", { held: true })],
  });
  const connection = page.getByTestId("connection");
  await expect(connection).toHaveAttribute("data-state", "reconnecting", { timeout: 20_000 });
  await expect(connection).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  expect(seen[0]).toContain("id: ");
  expect(seen[1]).toMatch(/^reconnect from [1-9]\d*$/);

  // Reload mid-batch: the snapshot shows at once and the stream resumes.
  await page.reload();
  await expect(page.getByTestId("job-row")).toHaveCount(3);
  await expect(connection).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  server.release("slow-reconnect.pdf");

  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed", {
    timeout: 120_000,
  });
  const rows = page.getByTestId("job-row");
  await expect(rows).toHaveCount(3);
  const api = await (await request.get(`${baseURL}/api/v1/batches/${batchId}`)).json();
  for (const job of api.jobs as Array<{ id: string; status: string; stage: string }>) {
    const row = page.locator(`[data-job-id="${job.id}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", job.status);
  }
  await expect(page.getByTestId("files-summary-line")).toHaveText(
    new RegExp(`^${api.counts.completed} files read · 3 swims`),
  );
  await expect(page.getByTestId("swim-row")).toHaveCount(3);
  await snap(page, testInfo, "batch page (after reconnect)");

  await page.reload();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("job-row")).toHaveCount(3);
  await expect(page.getByTestId("swim-row")).toHaveCount(3);
});

test("an unknown result link shows a clear page", async ({ page }, testInfo) => {
  await page.goto("/r/AAAAAAAAAAAA");
  await expect(page.getByTestId("dead-link")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No results at this link");
  await snap(page, testInfo, "result link (unknown)");
});
