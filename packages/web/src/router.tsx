/** A tiny client-side router on the history API: the current path, navigation, and links. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

const NAVIGATE_EVENT = "splitstream:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => "/",
  );
}

export function useSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => "",
  );
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  // A new page starts at its top, and focus moves to its heading for screen-reader users.
  window.scrollTo(0, 0);
  queueMicrotask(() => document.querySelector<HTMLElement>("main h1")?.focus());
}

/**
 * Changes only the current page's query string (filters, paging): history gets an entry unless
 * `replace`, so Back undoes it; the page keeps its scroll and focus, unlike navigate().
 */
export function setSearch(search: URLSearchParams, options: { replace?: boolean } = {}): void {
  const query = search.toString();
  const to = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export type Route =
  | { page: "new" }
  | { page: "batch"; id: string }
  | { page: "result"; code: string }
  | { page: "admin" }
  | { page: "not-found" };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { page: "new" };
  if (path === "/admin") return { page: "admin" };
  const batch = /^\/batches\/([^/]+)$/.exec(path);
  if (batch) return { page: "batch", id: decodeURIComponent(batch[1]!) };
  const result = /^\/r\/([^/]+)$/.exec(path);
  if (result) return { page: "result", code: decodeURIComponent(result[1]!) };
  return { page: "not-found" };
}

/** An <a> that navigates without a reload (plain clicks only; new-tab clicks keep the browser's way). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
