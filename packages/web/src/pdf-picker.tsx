/** The new-batch form's PDF picker: a drop zone with a "Choose PDFs" button, and the chosen files with their upload bars. */
import { type DragEvent, useRef, useState } from "react";
import { formatBytes } from "./format.ts";

/** The backend's default MAX_FILE_MB; the server checks again either way. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface PickedFile {
  key: string;
  file: File;
}

/** Adds the PDFs among `list` to `current` (once each), and says in words why the others were left out. */
export function pickPdfs(
  current: PickedFile[],
  list: FileList | File[],
): { files: PickedFile[]; problems: string[] } {
  const files = [...current];
  const problems: string[] = [];
  for (const file of Array.from(list)) {
    const key = `${file.name}:${file.size}:${file.lastModified}`;
    if (files.some((picked) => picked.key === key)) continue;
    const looksPdf = file.type === "application/pdf" || /\.pdf$/i.test(file.name);
    if (!looksPdf) problems.push(`${file.name}: not a PDF.`);
    else if (file.size === 0) problems.push(`${file.name}: the file is empty.`);
    else if (file.size > MAX_FILE_BYTES)
      problems.push(
        `${file.name}: ${formatBytes(file.size)} is over the ${formatBytes(MAX_FILE_BYTES)} limit.`,
      );
    else files.push({ key, file });
  }
  return { files, problems };
}

export function PdfPicker({
  id,
  files,
  problems,
  error,
  fractions,
  uploading,
  disabled,
  onAdd,
  onRemove,
}: {
  id: string;
  files: PickedFile[];
  problems: string[];
  error: string | undefined;
  /** Each file's share sent, while uploading. */
  fractions: number[];
  uploading: boolean;
  disabled: boolean;
  onAdd: (list: FileList | File[]) => void;
  onRemove: (key: string) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled && event.dataTransfer.files.length) onAdd(event.dataTransfer.files);
  };

  return (
    <div className="field">
      <fieldset
        className={`dropzone${dragging ? " dropzone-active" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <legend className="label" id={`${id}-label`}>
          Results PDFs
        </legend>
        <div className="dropzone-row">
          <button
            type="button"
            className="button secondary"
            data-field="files"
            onClick={() => inputRef.current?.click()}
            disabled={disabled}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
          >
            Choose PDFs…
          </button>
          <span className="dropzone-drop">or drop them here</span>
        </div>
        <input
          ref={inputRef}
          id={id}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-labelledby={`${id}-label`}
          onChange={(event) => {
            if (event.target.files) onAdd(event.target.files);
            event.target.value = "";
          }}
        />
        <p id={`${id}-hint`} className="hint">
          PDF only, up to {formatBytes(MAX_FILE_BYTES)} each.
        </p>
      </fieldset>
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ul className="file-list" aria-label="Chosen files">
          {files.map((picked, index) => {
            const fraction = fractions[index] ?? 0;
            return (
              <li key={picked.key} className="file-item">
                <span className="file-name" title={picked.file.name}>
                  {picked.file.name}
                </span>
                <span className="file-size">{formatBytes(picked.file.size)}</span>
                {uploading ? (
                  <progress
                    max={1}
                    value={fraction}
                    aria-label={`Upload of ${picked.file.name}`}
                    className="file-progress"
                  >
                    {Math.round(fraction * 100)}%
                  </progress>
                ) : (
                  <button
                    type="button"
                    className="button link file-remove"
                    onClick={() => onRemove(picked.key)}
                    aria-label={`Remove ${picked.file.name}`}
                    disabled={disabled}
                  >
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
