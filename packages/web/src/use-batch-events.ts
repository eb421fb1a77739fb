/** Keeps a batch live: an EventSource on its event stream, every event zod-parsed and reduced into the query cache. */

import { BATCH_EVENT_TYPES, batchEventSchema, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { applyBatchEvent, emptyLiveBatch, type LiveBatch } from "./batch-event-reducer.ts";
import { batchKeys } from "./queries.ts";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "finished";

/** How long events may wait behind a gap before the page asks for a fresh snapshot instead. */
const GAP_TIMEOUT_MS = 2_000;

export function useBatchEvents(batchId: string, active: boolean): ConnectionState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>(active ? "connecting" : "finished");

  useEffect(() => {
    if (!active) {
      setState("finished");
      return;
    }
    const key = batchKeys.live(batchId);
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let gapTimer: ReturnType<typeof setTimeout> | undefined;
    let backoffMs = 1_000;
    let disposed = false;

    const current = () => queryClient.getQueryData<LiveBatch>(key);
    const refetchSnapshot = () => void queryClient.refetchQueries({ queryKey: key, exact: true });

    const onEvent = (message: MessageEvent<string>) => {
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = batchEventSchema.safeParse(json);
      // An event this page does not understand never reaches the state.
      if (!parsed.success || parsed.data.batchId !== batchId) return;
      const next = applyBatchEvent(current() ?? emptyLiveBatch, parsed.data);
      queryClient.setQueryData(key, next);
      backoffMs = 1_000;
      if (next.stale) refetchSnapshot();
      if (next.pending.length > 0 && next.batch && !gapTimer) {
        gapTimer = setTimeout(() => {
          gapTimer = undefined;
          if ((current()?.pending.length ?? 0) > 0) refetchSnapshot();
        }, GAP_TIMEOUT_MS);
      }
      const status = next.batch?.status;
      // The events carry the counts; only the results (and the final estimate) are read once more.
      if (status && TERMINAL_BATCH_STATUSES.includes(status) && next.pending.length === 0) {
        void queryClient.invalidateQueries({ queryKey: batchKeys.results(batchId) });
        void queryClient.invalidateQueries({ queryKey: batchKeys.progress(batchId) });
      }
    };

    const connect = () => {
      if (disposed) return;
      const lastSeq = current()?.batch?.lastSeq;
      // A fresh page names its position in the URL; the browser's own reconnects send Last-Event-ID.
      const query = lastSeq === undefined ? "" : `?lastEventId=${lastSeq}`;
      source = new EventSource(`/api/v1/batches/${encodeURIComponent(batchId)}/events${query}`);
      for (const type of BATCH_EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
      source.onmessage = onEvent;
      source.onopen = () => setState("live");
      source.onerror = () => {
        const batch = current()?.batch;
        if (batch && TERMINAL_BATCH_STATUSES.includes(batch.status)) {
          // The server ends the stream after the batch's last event: that is not a lost connection.
          source?.close();
          setState("finished");
          return;
        }
        if (source?.readyState === EventSource.CLOSED) {
          // The browser gave up (e.g. the server answered with an error): try again ourselves, slower each time.
          source.close();
          setState(navigator.onLine ? "reconnecting" : "offline");
          retryTimer = setTimeout(connect, backoffMs);
          backoffMs = Math.min(backoffMs * 2, 30_000);
        } else {
          setState(navigator.onLine ? "reconnecting" : "offline");
        }
      };
    };

    const onOffline = () => setState("offline");
    const onOnline = () => {
      // Back online: reconnect at once rather than waiting out the browser's own retry delay.
      source?.close();
      clearTimeout(retryTimer);
      setState("reconnecting");
      connect();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    setState(navigator.onLine ? "connecting" : "offline");
    connect();

    return () => {
      disposed = true;
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(gapTimer);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    };
  }, [batchId, active, queryClient]);

  return state;
}
