/**
 * "Tell me when it's done": a browser notification when a running batch finishes, for people who put
 * the phone away (e-mail is often off). Offered only where the Notification API exists and the person
 * has not blocked it; the choice is kept for this tab (sessionStorage), so a reload does not forget it.
 *
 * The notice pops up only when the page is out of sight (hidden, or its window not focused): someone
 * looking at the page sees the results open in front of them, and a second alert would be noise.
 */
import { type BatchWithJobs, TERMINAL_BATCH_STATUSES } from "@splitstream/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { batchStatusSentence } from "./batch-words.ts";

export type FinishNoticeState =
  /** No Notification API, or the person blocked notifications for this site: nothing is offered. */
  | "unavailable"
  | "off"
  | "asking"
  | "on"
  /** Permission was given but this browser cannot show a notice from a page (Chrome on Android). */
  | "cannot-show";

const storageKey = (batchId: string) => `splitstream:notify:${batchId}`;

function apiAvailable(): boolean {
  return typeof window !== "undefined" && "Notification" in window && Notification.permission !== "denied";
}

function remembered(batchId: string): boolean {
  try {
    return window.sessionStorage.getItem(storageKey(batchId)) === "1";
  } catch {
    return false; // storage refused (private mode): the choice lasts as long as the page
  }
}

function remember(batchId: string, on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(storageKey(batchId), "1");
    else window.sessionStorage.removeItem(storageKey(batchId));
  } catch {
    // as above
  }
}

function pageOutOfSight(): boolean {
  return document.visibilityState !== "visible" || !document.hasFocus();
}

/** Shows the notice; false when the browser refuses to construct one (pages on Android must use a service worker). */
function showNotice(batch: BatchWithJobs): boolean {
  try {
    const notice = new Notification(`${batch.swimmerName}: the results are ready`, {
      body: batchStatusSentence(batch),
      tag: `splitstream-${batch.id}`,
    });
    notice.onclick = () => {
      window.focus();
      notice.close();
    };
    return true;
  } catch {
    return false;
  }
}

export interface FinishNotice {
  state: FinishNoticeState;
  toggle: () => Promise<void>;
}

/** Call it where it stays mounted as the batch finishes (the page), not in the button that goes away then. */
export function useFinishNotification(batchId: string, batch: BatchWithJobs | null): FinishNotice {
  const [state, setState] = useState<FinishNoticeState>(() => {
    if (!apiAvailable()) return "unavailable";
    return remembered(batchId) && Notification.permission === "granted" ? "on" : "off";
  });
  const terminal = batch ? TERMINAL_BATCH_STATUSES.includes(batch.status) : null;
  // Null until the batch is known: a page opened on a finished batch must not announce it.
  const wasTerminal = useRef<boolean | null>(null);

  useEffect(() => {
    if (terminal === null || !batch) return;
    const finishedNow = terminal && wasTerminal.current === false;
    wasTerminal.current = terminal;
    if (!finishedNow || state !== "on") return;
    if (Notification.permission !== "granted") return;
    if (pageOutOfSight() && !showNotice(batch)) setState("cannot-show");
  }, [terminal, state, batch]);

  const toggle = useCallback(async () => {
    if (state === "on") {
      remember(batchId, false);
      setState("off");
      return;
    }
    if (state !== "off") return;
    setState("asking");
    const permission =
      Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
    if (permission === "granted") {
      remember(batchId, true);
      setState("on");
    } else {
      setState(permission === "denied" ? "unavailable" : "off");
    }
  }, [state, batchId]);

  return { state, toggle };
}
