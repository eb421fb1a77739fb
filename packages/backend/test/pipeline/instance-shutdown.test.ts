/**
 * SIGTERM to the real server entry while an upload is still arriving and a job will not finish: one grace
 * period for both, then the job goes back to the queue with its lease released and the process exits 0
 * (not by the force-exit timer, which exits 1). On PGlite in the instance's own data directory, and on
 * PostgreSQL.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchWithJobs } from "@splitstream/shared";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Database, type DriverName, openDatabase } from "../../src/db/database.ts";
import { batchJobs, extractionClaims } from "../../src/db/schema/index.ts";
import { type LocalMeetServer, startLocalMeetServer } from "../support/local-meet-server.ts";
import { FIXTURE_SWIMMER, meetPdf } from "../support/meet-fixtures.ts";
import { startServerProcess } from "../support/server-process.ts";
import {
  createTestDatabase,
  postgresAvailable,
  TEST_DRIVERS,
  type TestDatabase,
} from "../support/test-databases.ts";

vi.setConfig({ testTimeout: 120_000 });

const GRACE_MS = 2000;

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver === "postgres" && !postgresAvailable())(
    `an instance told to stop [${driver}]`,
    () => {
      let meetHost: LocalMeetServer | undefined;
      let cleanUp: Array<() => Promise<void>> = [];
      afterEach(async () => {
        await meetHost?.close();
        for (const step of cleanUp.reverse()) await step();
        meetHost = undefined;
        cleanUp = [];
      });

      it("spends one grace on a slow upload and a long job together, hands the job back and exits 0", async () => {
        const store = await instanceStore(driver);
        cleanUp.push(store.remove);
        meetHost = await startLocalMeetServer();
        meetHost.route("/slow.pdf", () => ({ status: 200, body: new Uint8Array(0), delayMs: 120_000 }));
        const instance = await startServerProcess({
          ...store.env,
          WORKER_CONCURRENCY: "1",
          // A long lease: a job free right after the exit was given back, not left to lapse.
          JOB_LEASE_MS: "120000",
          QUEUE_POLL_MS: "100",
          SHUTDOWN_GRACE_MS: String(GRACE_MS),
          ALLOW_PRIVATE_URLS: "true",
        });
        cleanUp.push(async () => void instance.child.kill("SIGKILL"));
        const base = `http://127.0.0.1:${instance.port}`;

        const res = await fetch(`${base}/api/v1/batches`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ swimmerName: FIXTURE_SWIMMER, urls: [meetHost.url("/slow.pdf")] }),
        });
        expect(res.status).toBe(201);
        const batch = (await res.json()) as BatchWithJobs;
        await vi.waitFor(() => expect(meetHost!.hits("/slow.pdf")).toBe(1), {
          timeout: 60_000,
          interval: 50,
        });
        const upload = startSlowUpload(instance.port, await meetPdf());

        const exited = new Promise<number | null>((resolve) => instance.child.once("exit", resolve));
        const signalledAt = performance.now();
        instance.child.kill("SIGTERM");
        const code = await exited;
        const tookMs = performance.now() - signalledAt;
        // A figure, not a bound: the bound is the force-exit timer's, which would have exited 1.
        console.log(`[${driver}] stopped ${Math.round(tookMs)} ms after SIGTERM with a ${GRACE_MS} ms grace`);

        expect(instance.output()).not.toContain("shutdown overran its grace");
        expect(code).toBe(0);
        expect(await upload).toBe("cut");
        const database = await store.open();
        const [job] = await database.db.select().from(batchJobs).where(eq(batchJobs.batchId, batch.id));
        expect(job).toMatchObject({ status: "downloading", lockedBy: null, lockedUntil: null });
        expect(await database.db.select().from(extractionClaims)).toEqual([]);
      });
    },
  );
}

/** Where the child instance keeps its data: its own PGlite directory, or a PostgreSQL test database. */
async function instanceStore(driver: DriverName): Promise<{
  env: Record<string, string>;
  open(): Promise<Database>;
  remove(): Promise<void>;
}> {
  if (driver === "postgres") {
    const testDatabase: TestDatabase = await createTestDatabase("postgres");
    return {
      env: { DATABASE_URL: testDatabase.url! },
      open: async () => testDatabase.database,
      remove: () => testDatabase.drop(),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "splitstream-shutdown-"));
  let opened: Database | undefined;
  return {
    env: { DATA_DIR: dataDir },
    open: async () => {
      opened = await openDatabase({ dataDir });
      return opened;
    },
    remove: async () => {
      await opened?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart upload that sends its first bytes and then nothing: resolves "cut" when the server ends it. */
function startSlowUpload(port: number, pdf: Uint8Array): Promise<"cut" | "answered"> {
  const boundary = "slow-upload-boundary";
  const head =
    `--${boundary}\r\ncontent-disposition: form-data; name="swimmerName"\r\n\r\n${FIXTURE_SWIMMER}\r\n` +
    `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="meet.pdf"\r\n` +
    "content-type: application/pdf\r\n\r\n";
  return new Promise((resolve) => {
    const req = request({
      port,
      host: "127.0.0.1",
      method: "POST",
      path: "/api/v1/batches",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + pdf.byteLength * 10),
      },
    });
    req.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve("answered"));
      response.on("error", () => resolve("cut"));
    });
    req.on("error", () => resolve("cut"));
    req.write(head);
    req.write(pdf.subarray(0, pdf.byteLength >> 1));
  });
}
