/** The shareable result link with a copy button (clipboard API, falling back to selecting the text). */
import { useId, useRef, useState } from "react";

export function ResultLinkBox({ code }: { code: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  const url = `${window.location.origin}/r/${code}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      inputRef.current?.select();
      setCopied("select");
    }
  };
  return (
    <div className="card link-box no-print">
      <label htmlFor={id}>Result link to share</label>
      <div className="link-row">
        <input
          id={id}
          ref={inputRef}
          readOnly
          value={url}
          data-testid="result-link"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button primary" onClick={copy}>
          Copy link
        </button>
        <a className="button secondary" href={`/r/${code}`} target="_blank" rel="noreferrer">
          Open
        </a>
      </div>
      <span className="hint" aria-live="polite">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "select"
            ? "Selected: press Ctrl+C to copy."
            : ""}
      </span>
    </div>
  );
}
