/** Page-number paging and LIKE escaping shared by the admin lists. */
import type { AdminPageInfo } from "@splitstream/shared";

export function pageInfo(input: { page: number; pageSize: number }, total: number): AdminPageInfo {
  return { page: input.page, pageSize: input.pageSize, total, totalPages: Math.ceil(total / input.pageSize) };
}

/** Makes user text match literally inside a LIKE pattern (PostgreSQL's default escape is a backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** part / whole, 0 when there is no whole. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
