/** Whether a CSS media query matches now, re-rendering when it changes (screen turned, window resized, printing). */
import { useCallback, useSyncExternalStore } from "react";

/** Wide enough for the swims as a table; narrower screens get one card per swim. Printing always gets tables. */
export const TABLE_LAYOUT_QUERY = "(min-width: 700px), print";
export const PRINT_QUERY = "print";

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
    () => window.matchMedia(query).matches,
    () => false,
  );
}
