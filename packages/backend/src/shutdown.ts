/**
 * Stopping an instance within one grace period, spent in parallel: stop claiming jobs and accepting
 * connections at once, end the event streams (browsers reconnect to another instance with
 * Last-Event-ID), let running jobs and requests finish while the grace lasts, then abort what is left:
 * the jobs go back to the queue with their leases (and so their extraction claims) released, and the
 * connections still open are cut. Doing these one after another spent the grace twice.
 */
import type { ServerType } from "@hono/node-server";
import type { Database } from "./db/database.ts";
import type { BatchEventBus } from "./events/batch-event-bus.ts";
import type { WorkerPool } from "./pipeline/worker-pool.ts";

export interface RunningInstance {
  server: ServerType;
  eventBus: BatchEventBus;
  workerPool: WorkerPool;
  background: { stop(): void };
  database: Database;
}

export interface InstanceStop {
  /** Resolves once everything is stopped and the database is closed. */
  done: Promise<void>;
  /** What has not stopped yet, for the log line of a forced exit. */
  pending(): string[];
}

export function stopInstance(instance: RunningInstance, graceMs: number): InstanceStop {
  const { server, eventBus, workerPool, background, database } = instance;
  const pending = new Set<string>();
  const track = (name: string, promise: Promise<unknown>) => {
    pending.add(name);
    return promise.finally(() => pending.delete(name));
  };
  background.stop();
  const stopped = Promise.all([
    track("event streams", eventBus.stop()),
    track("http connections", closeServer(server, graceMs)),
    track("jobs", workerPool.stop(graceMs)),
  ]);
  const done = stopped.then(() => track("database", database.close())).then(() => undefined);
  return {
    done,
    pending: () =>
      [...pending].map((name) => (name === "jobs" ? `jobs ${workerPool.runningJobIds().join(", ")}` : name)),
  };
}

/** Stops accepting at once; requests still running (slow uploads) get the grace, then are cut. */
function closeServer(server: ServerType, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => {
      if ("closeAllConnections" in server) server.closeAllConnections();
    }, graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    // Idle keep-alive sockets would hold close() open for nothing.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}
