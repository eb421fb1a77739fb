/** Small pieces the admin panels share: a table that scrolls inside itself, and a pager. */
import type { ReactNode } from "react";

/**
 * A wide table in a box that scrolls sideways on its own, so the page never does; the box is a
 * focusable, named region so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function AdminTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard.
    <section className="table-scroll admin-table" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** Previous / next for a paged admin list, with where the reader is. */
export function Pager(props: {
  label: string;
  noun: string;
  page: number;
  totalPages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { label, noun, page, totalPages, total, onPage } = props;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span>
        Page {page} of {Math.max(1, totalPages)} · {total} {noun}
      </span>
      <button
        type="button"
        className="button secondary"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
