/**
 * A "Share" button for a link: the phone's own share sheet (Web Share API) where there is one, else the
 * link copied to the clipboard, else the link shown to copy by hand. Says what happened in a live region.
 */
import { useState } from "react";
import "./share-button.css";

export interface ShareButtonProps {
  /** The address to share (absolute). */
  url: string;
  /** The share sheet's title, e.g. "Ivy Fernwood · 12 swims". */
  title?: string;
  /** A line the share sheet may put before the link. */
  text?: string;
  /** The button's words; "Share" unless the place needs another. */
  label?: string;
  className?: string;
}

type Outcome = "shared" | "copied" | "manual" | null;

/** Web Share where the browser has it and accepts this data (desktop Chrome has `share` but may refuse). */
function canShareNatively(data: ShareData): boolean {
  if (typeof navigator.share !== "function") return false;
  return typeof navigator.canShare !== "function" || navigator.canShare(data);
}

export function ShareButton({
  url,
  title,
  text,
  label = "Share",
  className = "button primary",
}: ShareButtonProps) {
  const [outcome, setOutcome] = useState<Outcome>(null);

  const share = async () => {
    setOutcome(null);
    const data: ShareData = { url, ...(title ? { title } : {}), ...(text ? { text } : {}) };
    if (canShareNatively(data)) {
      try {
        await navigator.share(data);
        setOutcome("shared");
        return;
      } catch (caught) {
        // The person closed the share sheet: that is their answer, not an error.
        if (caught instanceof DOMException && caught.name === "AbortError") return;
        // Any other refusal (no permission, nothing to share with): copy instead.
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setOutcome("copied");
    } catch {
      // No clipboard here (an old browser, or permission refused): show the link to copy by hand.
      setOutcome("manual");
    }
  };

  return (
    <span className="share-button no-print">
      <button type="button" className={className} onClick={share} data-testid="share-button">
        {label}
      </button>
      <span className="share-outcome" role="status" data-testid="share-outcome">
        {outcome === "shared" && "Shared."}
        {outcome === "copied" && "Link copied: paste it in a message."}
        {outcome === "manual" && (
          <>
            Copy this link: <span className="share-url">{url}</span>
          </>
        )}
      </span>
    </span>
  );
}
