/** The batch's result link to pass on: shown in full, shared through the phone's share sheet or copied, or opened. */
import { useId } from "react";
import { ShareButton } from "./share-button.tsx";

export function ResultLinkBox({
  code,
  swimmerName,
  swimCount,
}: {
  code: string;
  swimmerName: string;
  swimCount: number;
}) {
  const id = useId();
  const url = `${window.location.origin}/r/${code}`;
  const swims = `${swimCount} swim${swimCount === 1 ? "" : "s"}`;
  return (
    <div className="card link-box no-print">
      <label htmlFor={id}>Link to these results</label>
      <input
        id={id}
        className="link-box-url"
        readOnly
        value={url}
        data-testid="result-link"
        onFocus={(e) => e.target.select()}
      />
      <div className="link-box-actions">
        <ShareButton
          url={url}
          title={`${swimmerName} · ${swims}`}
          text={`${swimmerName}'s swims (${swims})`}
        />
        <a className="button secondary" href={`/r/${code}`} target="_blank" rel="noreferrer">
          Open the link
        </a>
      </div>
    </div>
  );
}
