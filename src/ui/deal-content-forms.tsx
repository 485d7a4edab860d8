'use client';

import { Loader2, Pencil, Plus, Upload } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { api, ApiError } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from './primitives/dialog';
import { Field, fieldAria } from './primitives/field';
import { Input, Textarea } from './primitives/input';
import { useSubmit } from './use-submit';

// The issuer's forms for a deal's content (key terms, FAQs, required documents, updates,
// documents and media). Each posts to the deal-content API (CSRF by api()), names the API's
// field errors under their field, clears itself when it worked and re-renders the page.

export type ContentField = {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'checkbox' | 'number';
  required?: boolean;
  maxLength?: number;
  hint?: string;
  /** The current value, when the form edits an item. */
  value?: string | number | boolean | null;
  /** An optional text left empty is sent as null (it clears the field) instead of "". */
  emptyIsNull?: boolean;
};

function Fields({ uid, fields, fieldError }: { uid: string; fields: ContentField[]; fieldError: (name: string) => string | undefined }) {
  return (
    <>
      {fields.map((f) => {
        const id = `${uid}-${f.name}`;
        const error = fieldError(f.name);
        if (f.kind === 'checkbox')
          return (
            <label key={f.name} htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
              <input id={id} name={f.name} type="checkbox" defaultChecked={f.value === true} className="size-4 accent-[var(--color-primary)]" /> {f.label}
            </label>
          );
        return (
          <Field key={f.name} id={id} label={f.label} hint={f.hint} error={error}>
            {f.kind === 'textarea' ? (
              <Textarea {...fieldAria(id, error, !!f.hint)} name={f.name} required={f.required} maxLength={f.maxLength} rows={4} defaultValue={f.value == null ? undefined : String(f.value)} />
            ) : (
              <Input
                {...fieldAria(id, error, !!f.hint)}
                name={f.name}
                required={f.required}
                maxLength={f.maxLength}
                defaultValue={f.value == null ? undefined : String(f.value)}
                {...(f.kind === 'number' ? { type: 'number', inputMode: 'numeric' as const, min: 0, step: 1 } : {})}
              />
            )}
          </Field>
        );
      })}
    </>
  );
}

/** The form's values as the API takes them: booleans for checkboxes, numbers, null for a cleared optional text. */
function fieldValues(fields: ContentField[], data: FormData): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const f of fields) {
    const text = String(data.get(f.name) ?? '').trim();
    if (f.kind === 'checkbox') json[f.name] = data.get(f.name) === 'on';
    else if (f.kind === 'number') json[f.name] = text === '' ? undefined : Number(text);
    else json[f.name] = text === '' && f.emptyIsNull ? null : text;
  }
  return json;
}

/** Adds one item (a key term, an FAQ, a required document, an update) as JSON. */
export function AddItemForm({ path, fields, submitLabel, done, testId }: { path: string; fields: ContentField[]; submitLabel: string; done: string; testId?: string }) {
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const s = useSubmit(async (data) => {
    await api(path, { method: 'POST', json: fieldValues(fields, data) });
    form.current?.reset();
  }, done);
  return (
    <form ref={form} onSubmit={s.onSubmit} className="grid gap-3 border-t border-border pt-4" data-testid={testId} noValidate>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
      <Fields uid={uid} fields={fields} fieldError={s.fieldError} />
      <div>
        <Button type="submit" variant="outline" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />} {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * Uploads a file as the raw request body, its description in the query string (the API's
 * upload contract): deal documents (title, kind, fileName) and media (caption).
 */
export function UploadForm({ path, fields, fixed = {}, accept, fileLabel, fileHint, submitLabel, done, withFileName = false, testId }: { path: string; fields: ContentField[]; fixed?: Record<string, string>; accept: string; fileLabel: string; fileHint?: string; submitLabel: string; done: string; withFileName?: boolean; testId?: string }) {
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const s = useSubmit(async (data) => {
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) throw new ApiError({ status: 400, code: 'validation_failed', detail: 'Choose a file to upload', errors: [{ field: 'file', message: 'Choose a file to upload' }] });
    const q = new URLSearchParams(fixed);
    if (withFileName) q.set('fileName', file.name);
    for (const f of fields) {
      if (f.kind === 'checkbox') {
        if (data.get(f.name) === 'on') q.set(f.name, 'true');
      } else {
        const v = String(data.get(f.name) ?? '').trim();
        if (v || f.required) q.set(f.name, v);
      }
    }
    await api(`${path}?${q}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
    form.current?.reset();
  }, done);
  const fileId = `${uid}-file`;
  const fileError = s.fieldError('file') ?? s.fieldError('fileName');
  return (
    <form ref={form} onSubmit={s.onSubmit} className="grid gap-3 border-t border-border pt-4" data-testid={testId} noValidate>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
      <Fields uid={uid} fields={fields} fieldError={s.fieldError} />
      <Field id={fileId} label={fileLabel} hint={fileHint} error={fileError}>
        <Input {...fieldAria(fileId, fileError, !!fileHint)} name="file" type="file" accept={accept} />
      </Field>
      <div>
        <Button type="submit" variant="outline" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />} {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * Edits one existing item (a key term, an FAQ, a required document, an update, a document's
 * metadata, a media caption or position) in a dialog: PATCH with the fields shown, their current
 * values filled in; the API's field errors appear under their field.
 */
export function EditItemForm({ path, what, fields, testId }: { path: string; what: string; fields: ContentField[]; testId?: string }) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const s = useSubmit(async (data) => {
    await api(path, { method: 'PATCH', json: fieldValues(fields, data) });
    setOpen(false);
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Edit ${what}`} data-testid={testId}>
          <Pencil aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Edit {what}</DialogTitle>
        <DialogDescription>Investors see the change on the deal page at once.</DialogDescription>
        <form onSubmit={s.onSubmit} className="mt-4 grid gap-3" noValidate>
          {s.message && <Alert tone="error">{s.message}</Alert>}
          <Fields uid={uid} fields={fields} fieldError={s.fieldError} />
          <div>
            <Button type="submit" disabled={s.busy}>
              {s.busy && <Loader2 className="animate-spin" aria-hidden />} Save changes
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
