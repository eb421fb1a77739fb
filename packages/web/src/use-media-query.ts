/** Whether a CSS media query matches now, re-rendering when it changes (screen turned, window resized, printing). */
import { useCallback, useSyncExternalStore } from "react";

/** Wide enough for the swims as a table; narrower screens get one card per swim. Printing always gets tables. */
export const TABLE_LAYOUT_QUERY = "(min-width: 700px), print";
export const PRINT_QUERY = "print";

/**
 * True between beforeprint and afterprint: Chromium may run beforeprint before `print` matches, and the
 * page must switch to its print layout before the printout is laid out.
 */
let printing = false;
if (typeof window !== "undefined") {
  window.addEventListener("beforeprint", () => {
    printing = true;
  });
  window.addEventListener("afterprint", () => {
    printing = false;
  });
}

function matches(query: string): boolean {
  return window.matchMedia(query).matches || (printing && /\bprint\b/.test(query));
}

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      // Chromium does not always tell matchMedia listeners that printing began: ask again around it.
      window.addEventListener("beforeprint", onChange);
      window.addEventListener("afterprint", onChange);
      return () => {
        list.removeEventListener("change", onChange);
        window.removeEventListener("beforeprint", onChange);
        window.removeEventListener("afterprint", onChange);
      };
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => matches(query),
    () => false,
  );
}
