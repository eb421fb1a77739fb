/** The new-batch page: a swimmer's name, PDFs and/or URLs, an optional e-mail; uploads with per-file progress. */

import { notificationEmailSchema, sourceUrlSchema, swimmerNameSchema } from "@splitstream/shared";
import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, type FormEvent, useId, useRef, useState } from "react";
import { ApiRequestError, perFileProgress, type UploadProgress, uploadBatch } from "./api-request.ts";
import { applySnapshot, emptyLiveBatch } from "./batch-event-reducer.ts";
import { formatBytes } from "./format.ts";
import { batchKeys } from "./queries.ts";
import { navigate } from "./router.tsx";

/** The backend's defaults (MAX_FILE_MB, MAX_SOURCES_PER_BATCH); the server checks again either way. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_SOURCES = 50;

type Field = "swimmerName" | "files" | "urls" | "notificationEmail";
type FieldErrors = Partial<Record<Field, string>>;

interface PickedFile {
  key: string;
  file: File;
}

export function NewBatchPage() {
  const queryClient = useQueryClient();
  const ids = { name: useId(), urls: useId(), email: useId(), files: useId() };
  const [name, setName] = useState("");
  const [urlText, setUrlText] = useState("");
  const [email, setEmail] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [dragging, setDragging] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const addFiles = (list: FileList | File[]) => {
    const next = [...files];
    const problems: string[] = [];
    for (const file of Array.from(list)) {
      const key = `${file.name}:${file.size}:${file.lastModified}`;
      if (next.some((picked) => picked.key === key)) continue;
      const looksPdf = file.type === "application/pdf" || /\.pdf$/i.test(file.name);
      if (!looksPdf) problems.push(`${file.name}: not a PDF.`);
      else if (file.size === 0) problems.push(`${file.name}: the file is empty.`);
      else if (file.size > MAX_FILE_BYTES)
        problems.push(
          `${file.name}: ${formatBytes(file.size)} is over the ${formatBytes(MAX_FILE_BYTES)} limit.`,
        );
      else next.push({ key, file });
    }
    setFiles(next);
    setRejected(problems);
    setErrors((current) => ({ ...current, files: undefined }));
  };

  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!submitting && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  };

  const validate = (urls: string[]): FieldErrors => {
    const found: FieldErrors = {};
    const nameCheck = swimmerNameSchema.safeParse(name);
    if (!nameCheck.success) found.swimmerName = nameCheck.error.issues[0]?.message;
    const badLines = urls
      .map((url, index) => ({ index, check: sourceUrlSchema.safeParse(url) }))
      .filter(({ check }) => !check.success);
    if (badLines.length) {
      found.urls = badLines
        .map(({ index, check }) => `Line ${index + 1}: ${check.error?.issues[0]?.message ?? "not valid"}`)
        .join(" ");
    }
    if (email.trim()) {
      const emailCheck = notificationEmailSchema.safeParse(email);
      if (!emailCheck.success) found.notificationEmail = emailCheck.error.issues[0]?.message;
    }
    if (files.length + urls.length === 0) found.files = "Add at least one PDF or URL.";
    else if (files.length + urls.length > MAX_SOURCES)
      found.files = `At most ${MAX_SOURCES} files and URLs can be sent in one batch.`;
    return found;
  };

  const focusFirstError = (found: FieldErrors) => {
    const order: Field[] = ["swimmerName", "files", "urls", "notificationEmail"];
    const first = order.find((field) => found[field]);
    if (first)
      queueMicrotask(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus());
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const urls = urlText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const found = validate(urls);
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      focusFirstError(found);
      return;
    }
    setSubmitting(true);
    setProgress({ loaded: 0, total: 1 });
    try {
      const batch = await uploadBatch(
        {
          swimmerName: name.trim(),
          files: files.map((picked) => picked.file),
          urls,
          notificationEmail: email.trim() || undefined,
        },
        setProgress,
      );
      queryClient.setQueryData(batchKeys.live(batch.id), applySnapshot(emptyLiveBatch, batch));
      navigate(`/batches/${batch.id}`);
    } catch (error) {
      setSubmitting(false);
      setProgress(null);
      if (error instanceof ApiRequestError) {
        const fromApi = error.fieldErrors();
        const mapped: FieldErrors = {};
        for (const [path, message] of Object.entries(fromApi)) {
          const field = (["swimmerName", "files", "urls", "notificationEmail"] as const).find(
            (f) => f === path,
          );
          if (field) mapped[field] = message;
        }
        setErrors(mapped);
        focusFirstError(mapped);
        setFormError(`${error.message} (${error.code})`);
      } else {
        setFormError("The upload failed unexpectedly. Please try again.");
      }
    }
  };

  const fractions = progress
    ? perFileProgress(
        files.map((picked) => picked.file.size),
        progress,
      )
    : [];
  const describedBy = (field: Field, id: string) => (errors[field] ? `${id}-error` : undefined);

  return (
    <section aria-labelledby="new-batch-title" className="page">
      <h1 id="new-batch-title" tabIndex={-1}>
        Your swimmer's results from any meet PDF
      </h1>
      <p className="lead">
        Name a swimmer, drop the meet's results PDFs or paste their links, and watch every file being read.
      </p>
      <form ref={formRef} className="card form" onSubmit={onSubmit} noValidate aria-describedby="form-error">
        <div className="field">
          <label htmlFor={ids.name}>Swimmer's name</label>
          <input
            id={ids.name}
            data-field="swimmerName"
            name="swimmerName"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={!!errors.swimmerName}
            aria-describedby={describedBy("swimmerName", ids.name) ?? `${ids.name}-hint`}
            disabled={submitting}
            required
          />
          <p id={`${ids.name}-hint`} className="hint">
            As printed in the results, e.g. "Jane Doe" or "Doe, Jane".
          </p>
          <FieldError id={`${ids.name}-error`} message={errors.swimmerName} />
        </div>

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
            <legend className="label" id={`${ids.files}-label`}>
              Results PDFs
            </legend>
            <p>Drop PDF files here, or</p>
            <button
              type="button"
              className="button secondary"
              data-field="files"
              onClick={() => inputRef.current?.click()}
              disabled={submitting}
              aria-describedby={describedBy("files", ids.files) ?? `${ids.files}-hint`}
            >
              Choose PDFs…
            </button>
            <input
              ref={inputRef}
              id={ids.files}
              type="file"
              accept="application/pdf,.pdf"
              multiple
              className="visually-hidden"
              tabIndex={-1}
              aria-labelledby={`${ids.files}-label`}
              onChange={(event) => {
                if (event.target.files) addFiles(event.target.files);
                event.target.value = "";
              }}
            />
            <p id={`${ids.files}-hint`} className="hint">
              PDF only, up to {formatBytes(MAX_FILE_BYTES)} each.
            </p>
          </fieldset>
          {rejected.length > 0 && (
            <ul className="field-error" role="alert">
              {rejected.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <FieldError id={`${ids.files}-error`} message={errors.files} />
          {files.length > 0 && (
            <ul className="file-list" aria-label="Chosen files">
              {files.map((picked, index) => {
                const fraction = fractions[index] ?? 0;
                return (
                  <li key={picked.key} className="file-item">
                    <span className="file-name">{picked.file.name}</span>
                    <span className="file-size">{formatBytes(picked.file.size)}</span>
                    {progress ? (
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
                        className="button link"
                        onClick={() => setFiles(files.filter((other) => other.key !== picked.key))}
                        aria-label={`Remove ${picked.file.name}`}
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

        <div className="field">
          <label htmlFor={ids.urls}>Links to results PDFs</label>
          <textarea
            id={ids.urls}
            data-field="urls"
            name="urls"
            rows={3}
            placeholder="https://example.org/meet-results.pdf"
            value={urlText}
            onChange={(event) => setUrlText(event.target.value)}
            aria-invalid={!!errors.urls}
            aria-describedby={describedBy("urls", ids.urls) ?? `${ids.urls}-hint`}
            disabled={submitting}
          />
          <p id={`${ids.urls}-hint`} className="hint">
            One link per line (http or https).
          </p>
          <FieldError id={`${ids.urls}-error`} message={errors.urls} />
        </div>

        <div className="field">
          <label htmlFor={ids.email}>E-mail for a "done" notice (optional)</label>
          <input
            id={ids.email}
            data-field="notificationEmail"
            type="email"
            name="notificationEmail"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={!!errors.notificationEmail}
            aria-describedby={describedBy("notificationEmail", ids.email)}
            disabled={submitting}
          />
          <FieldError id={`${ids.email}-error`} message={errors.notificationEmail} />
        </div>

        <div id="form-error" aria-live="assertive">
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={submitting}>
            {submitting ? "Uploading…" : "Find the swims"}
          </button>
          {progress && (
            <span className="hint" aria-live="polite">
              Sent {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}
