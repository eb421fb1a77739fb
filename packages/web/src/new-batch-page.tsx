/**
 * The home page: a swimmer's name, PDFs and/or links, an e-mail when the server can send one, and this
 * device's recent batches. Laid out for a phone first: the whole form fits a 390x844 screen.
 */

import { notificationEmailSchema, sourceUrlSchema, swimmerNameSchema } from "@splitstream/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ApiRequestError, perFileProgress, type UploadProgress, uploadBatch } from "./api-request.ts";
import { applySnapshot, emptyLiveBatch } from "./batch-event-reducer.ts";
import { formatBytes } from "./format.ts";
import { PdfPicker, type PickedFile, pickPdfs } from "./pdf-picker.tsx";
import { batchKeys, healthQuery } from "./queries.ts";
import { rememberBatch } from "./recent-batches.ts";
import { RecentBatchesList } from "./recent-batches-list.tsx";
import { navigate } from "./router.tsx";
import "./new-batch-page.css";

/** The backend's default MAX_SOURCES_PER_BATCH; the server checks again either way. */
export const MAX_SOURCES = 50;

type Field = "swimmerName" | "files" | "urls" | "notificationEmail";
type FieldErrors = Partial<Record<Field, string>>;
const FIELD_ORDER: Field[] = ["swimmerName", "files", "urls", "notificationEmail"];

/** Asks before the tab closes or reloads while `active`: leaving would drop the upload half-sent. */
function useAskBeforeLeaving(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [active]);
}

export function NewBatchPage() {
  const queryClient = useQueryClient();
  const health = useQuery(healthQuery);
  // Offered only once the server has said it can send: a field that is silently ignored misleads.
  const canEmail = health.isSuccess && health.data.email.enabled;
  const ids = { name: useId(), urls: useId(), email: useId(), files: useId() };
  const [name, setName] = useState("");
  const [urlText, setUrlText] = useState("");
  const [email, setEmail] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [rejected, setRejected] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useAskBeforeLeaving(submitting);

  const addFiles = (list: FileList | File[]) => {
    const picked = pickPdfs(files, list);
    setFiles(picked.files);
    setRejected(picked.problems);
    setErrors((current) => ({ ...current, files: undefined }));
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
    if (canEmail && email.trim()) {
      const emailCheck = notificationEmailSchema.safeParse(email);
      if (!emailCheck.success) found.notificationEmail = emailCheck.error.issues[0]?.message;
    }
    if (files.length + urls.length === 0) found.files = "Add at least one PDF or link.";
    else if (files.length + urls.length > MAX_SOURCES)
      found.files = `At most ${MAX_SOURCES} files and links can be sent in one batch.`;
    return found;
  };

  const focusFirstError = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
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
          notificationEmail: (canEmail && email.trim()) || undefined,
        },
        setProgress,
      );
      rememberBatch({
        id: batch.id,
        swimmerName: batch.swimmerName,
        fileCount: batch.counts.total,
        createdAt: batch.createdAt,
      });
      queryClient.setQueryData(batchKeys.live(batch.id), applySnapshot(emptyLiveBatch, batch));
      // Someone who went to another page meanwhile finds the batch in the recent list instead.
      if (mounted.current) navigate(`/batches/${batch.id}`);
    } catch (error) {
      setSubmitting(false);
      setProgress(null);
      if (error instanceof ApiRequestError) {
        const mapped: FieldErrors = {};
        for (const [path, message] of Object.entries(error.fieldErrors())) {
          const field = FIELD_ORDER.find((f) => f === path);
          if (field) mapped[field] = message;
        }
        setErrors(mapped);
        focusFirstError(mapped);
        setFormError(error.message);
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
  const urlLines = urlText.split("\n").length;

  return (
    <div className="home">
      <section aria-labelledby="new-batch-title" className="page home-form">
        <h1 id="new-batch-title" className="home-title" tabIndex={-1}>
          A swimmer's results from meet PDFs
        </h1>
        <p className="lead home-lead">Add the meet's results PDFs or their links; we find every swim.</p>
        <form
          ref={formRef}
          className="card form new-batch-form"
          onSubmit={onSubmit}
          noValidate
          aria-describedby="form-error"
        >
          <div className="field">
            <label htmlFor={ids.name}>Swimmer's name</label>
            <input
              id={ids.name}
              data-field="swimmerName"
              name="swimmerName"
              autoComplete="off"
              autoCapitalize="words"
              enterKeyHint="next"
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={!!errors.swimmerName}
              aria-describedby={describedBy("swimmerName", ids.name) ?? `${ids.name}-hint`}
              disabled={submitting}
              required
            />
            <p id={`${ids.name}-hint`} className="hint">
              As printed in the results, e.g. "Doe, Jane".
            </p>
            <FieldError id={`${ids.name}-error`} message={errors.swimmerName} />
          </div>

          <PdfPicker
            id={ids.files}
            files={files}
            problems={rejected}
            error={errors.files}
            fractions={fractions}
            uploading={progress !== null}
            disabled={submitting}
            onAdd={addFiles}
            onRemove={(key) => setFiles(files.filter((other) => other.key !== key))}
          />

          <div className="field">
            <label htmlFor={ids.urls}>Links to results PDFs</label>
            <textarea
              id={ids.urls}
              data-field="urls"
              name="urls"
              // Two lines to start, growing with the links pasted, so the button stays on screen.
              rows={Math.min(6, Math.max(2, urlLines))}
              placeholder="https://example.org/meet-results.pdf"
              inputMode="url"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              value={urlText}
              onChange={(event) => setUrlText(event.target.value)}
              aria-invalid={!!errors.urls}
              aria-describedby={describedBy("urls", ids.urls) ?? `${ids.urls}-hint`}
              disabled={submitting}
            />
            <p id={`${ids.urls}-hint`} className="hint">
              One link per line.
            </p>
            <FieldError id={`${ids.urls}-error`} message={errors.urls} />
          </div>

          {canEmail && (
            <div className="field">
              <label htmlFor={ids.email}>E-mail me when it is done (optional)</label>
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
          )}

          <div id="form-error" aria-live="assertive">
            {formError && (
              <p className="form-error" role="alert">
                {formError}
              </p>
            )}
          </div>
          <div className="actions new-batch-actions">
            <button type="submit" className="button primary" disabled={submitting}>
              {submitting ? "Uploading…" : "Find the swims"}
            </button>
            {progress && (
              <span className="hint" aria-live="polite" data-testid="upload-progress">
                Sent {formatBytes(progress.loaded)} of {formatBytes(progress.total)}. Keep this page open.
              </span>
            )}
          </div>
        </form>
      </section>
      <RecentBatchesList />
    </div>
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
