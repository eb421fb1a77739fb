/**
 * Writes a shared result link's title and Open Graph / Twitter tags into the web app's index.html, so
 * a link pasted into a chat previews with the swimmer's name and number of swims.
 */
import type { SharePreview } from "../services/read-share-preview.ts";

const SITE_NAME = "Splitstream";

/** What the preview says; the title matches the one the page sets once it has loaded. */
export interface ShareMeta {
  title: string;
  description: string;
  /** The link's absolute address, when the server knows its public origin. */
  url: string | null;
}

export function shareMetaOf(preview: SharePreview, pageUrl: string | null): ShareMeta | null {
  if (preview.state !== "live") return null;
  const { swimmerName, swimCount, meetCount } = preview;
  const swims = `${swimCount} swim${swimCount === 1 ? "" : "s"}`;
  const meets = `${meetCount} meet${meetCount === 1 ? "" : "s"}`;
  return {
    title: `${swimmerName} · ${swims} · ${SITE_NAME}`,
    description:
      swimCount === 0
        ? `${swimmerName}'s swim results on ${SITE_NAME}.`
        : `${swimmerName}'s swim results: ${swims} from ${meets}, with personal bests and splits.`,
    url: pageUrl,
  };
}

/** The page's address from PUBLIC_URL (which may carry a path prefix), or null without one. */
export function sharePageUrl(publicUrl: string | undefined, code: string): string | null {
  if (!publicUrl) return null;
  return new URL(`r/${encodeURIComponent(code)}`, publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`).href;
}

/** index.html with the title replaced and the preview tags added at the end of its head. */
export function writeShareMeta(indexHtml: string, meta: ShareMeta): string {
  const tags = [
    property("og:type", "website"),
    property("og:site_name", SITE_NAME),
    property("og:title", meta.title),
    property("og:description", meta.description),
    ...(meta.url ? [property("og:url", meta.url)] : []),
    named("twitter:card", "summary"),
    named("twitter:title", meta.title),
    named("twitter:description", meta.description),
  ];
  const title = `<title>${escapeHtml(meta.title)}</title>`;
  // Functions as replacements, so a "$&" in a swimmer's name is not read as a pattern.
  const withTitle = /<title>[\s\S]*?<\/title>/i.test(indexHtml)
    ? indexHtml.replace(/<title>[\s\S]*?<\/title>/i, () => title)
    : indexHtml.replace(/<\/head>/i, () => `${title}\n</head>`);
  const withDescription = withTitle.replace(/<meta\s+name="description"[^>]*>/i, () =>
    named("description", meta.description),
  );
  return withDescription.replace(/<\/head>/i, () => `    ${tags.join("\n    ")}\n  </head>`);
}

function property(name: string, content: string): string {
  return `<meta property="${name}" content="${escapeHtml(content)}" />`;
}

function named(name: string, content: string): string {
  return `<meta name="${name}" content="${escapeHtml(content)}" />`;
}

/** Safe in text and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character,
  );
}
