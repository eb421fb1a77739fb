/**
 * What the results page can change after a batch is read: the pool of a meet, another spelling of
 * the name ("did you mean"), and which of two namesakes is meant. Each re-selects from the stored
 * extraction on a real database (both drivers), with PDFs parsed for real.
 */
import type { BatchResults, BatchWithJobs } from "@splitstream/shared";
import { afterEach, expect, it, vi } from "vitest";
import { makeMeetPdf, meets, SWIMMER } from "../../../extract/src/test-support/make-meet-pdf.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { readJson, startPipeline, submitFiles, waitForBatch } from "../support/pipeline-harness.ts";
import { describeEachDriver } from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 120_000 });

describeEachDriver("results a person can correct", ({ database }) => {
  let pipeline: ReturnType<typeof startPipeline> | undefined;
  afterEach(async () => {
    await pipeline?.stop();
  });

  async function readBatch(swimmerName: string, pdf: Uint8Array): Promise<BatchWithJobs> {
    pipeline ??= startPipeline(database());
    await pipeline.startWorkers(1);
    const batch = await readJson<BatchWithJobs>(
      await submitFiles(pipeline.app, swimmerName, [{ name: "meet.pdf", bytes: pdf }]),
    );
    await waitForBatch(database(), batch.id);
    return batch;
  }

  const send = async (path: string, method: string, body: unknown) =>
    pipeline!.app.request(`/api/v1/batches/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("dates each swim by its session, in one time format, and lets the person set the meet's pool", async () => {
    const batch = await readBatch(FIXTURE_SWIMMER, await meetPdf());
    const results = await readJson<BatchResults>(
      await pipeline!.app.request(`/api/v1/batches/${batch.id}/results`),
    );
    expect(results.swims).toHaveLength(1);
    expect(results.swims[0]).toMatchObject({
      date: "2020-10-16",
      dateIsMeetStart: false,
      time: "2:02.70",
      timeAsPrinted: "2:02.70",
      course: "SCM",
    });
    expect(results.personalBests).toEqual([
      expect.objectContaining({
        distance: 200,
        stroke: "back",
        course: "SCM",
        time: "2:02.70",
        date: "2020-10-16",
      }),
    ]);
    const jobId = batch.jobs[0]!.id;
    expect(results.meets).toEqual([
      expect.objectContaining({ jobId, course: "SCM", courseSetByPerson: false }),
    ]);

    const set = await send(`${batch.id}/jobs/${jobId}/course`, "PUT", { course: "LCM" });
    expect(set.status).toBe(200);
    const after = await readJson<BatchResults>(set);
    expect(after.meets[0]).toMatchObject({ course: "LCM", courseSetByPerson: true });
    expect(after.personalBests.map((best) => best.course)).toEqual(["LCM"]);
    expect(after.swims[0]?.course).toBe("LCM");

    const unset = await readJson<BatchResults>(
      await send(`${batch.id}/jobs/${jobId}/course`, "PUT", { course: null }),
    );
    expect(unset.meets[0]).toMatchObject({ course: "SCM", courseSetByPerson: false });

    const bad = await send(`${batch.id}/jobs/${jobId}/course`, "PUT", { course: "25m" });
    expect(bad.status).toBe(400);
    expect((await readJson<{ error: { code: string } }>(bad)).error.code).toBe("VALIDATION_FAILED");
    const unknownJob = await send(`${batch.id}/jobs/${crypto.randomUUID()}/course`, "PUT", { course: "SCM" });
    expect(unknownJob.status).toBe(404);
  });

  it("offers close names when nobody is found, and re-selects for the one chosen without parsing again", async () => {
    const batch = await readBatch("Ivy Fernwod", await meetPdf());
    const results = await readJson<BatchResults>(
      await pipeline!.app.request(`/api/v1/batches/${batch.id}/results`),
    );
    expect(results.swims).toEqual([]);
    expect(results.suggestions).toEqual([{ name: SWIMMER, swimCount: 1 }]);

    const chosen = await send(`${batch.id}/swimmer`, "POST", { swimmerName: SWIMMER });
    expect(chosen.status).toBe(200);
    const after = await readJson<BatchResults>(chosen);
    expect(after.swimmerName).toBe(SWIMMER);
    expect(after.swims.map((swim) => swim.time)).toEqual(["2:02.70"]);
    expect(after.suggestions).toEqual([]);
    // The shared link shows the corrected name and swims too.
    const shared = await readJson<BatchResults>(
      await pipeline!.app.request(`/api/v1/results/${after.resultCode}`),
    );
    expect(shared).toMatchObject({
      swimmerName: SWIMMER,
      swims: [expect.objectContaining({ time: "2:02.70" })],
    });

    const unknown = await send(`${crypto.randomUUID()}/swimmer`, "POST", { swimmerName: SWIMMER });
    expect(unknown.status).toBe(404);
    const empty = await send(`${batch.id}/swimmer`, "POST", { swimmerName: "" });
    expect(empty.status).toBe(400);
  });

  it("never merges two namesakes of different teams: it asks, and remembers the choice", async () => {
    const namesakes = await makeMeetPdf({
      ...meets.autumn,
      swimmers: [
        { name: SWIMMER, club: "OTR", splits: ["28.89", "1:00.34", "1:31.99"], time: "2:02.70" },
        { name: SWIMMER, club: "KRK", splits: ["29.32", "1:00.88", "1:32.53"], time: "2:02.99" },
      ],
    });
    const batch = await readBatch(SWIMMER, new Uint8Array(namesakes));
    const results = await readJson<BatchResults>(
      await pipeline!.app.request(`/api/v1/batches/${batch.id}/results`),
    );
    expect(results.swims).toEqual([]);
    expect(results.personalBests).toEqual([]);
    expect(results.ambiguities).toHaveLength(1);
    expect(results.ambiguities[0]!.candidates.map((candidate) => candidate.team)).toEqual(["OTR", "KRK"]);

    const chosen = await readJson<BatchResults>(
      await send(`${batch.id}/swimmer`, "POST", {
        swimmerName: SWIMMER,
        choice: { team: "KRK", birthYear: null },
      }),
    );
    expect(chosen.ambiguities).toEqual([]);
    expect(chosen.swimmerChoice).toEqual({ team: "KRK", birthYear: null });
    expect(chosen.swims.map((swim) => [swim.team, swim.time])).toEqual([["KRK", "2:02.99"]]);
    const again = await readJson<BatchResults>(
      await pipeline!.app.request(`/api/v1/batches/${batch.id}/results`),
    );
    expect(again.swims.map((swim) => swim.team)).toEqual(["KRK"]);
  });
});
