'use client';

import { Loader2, Upload } from 'lucide-react';
import { useRef } from 'react';
import { api, ApiError } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';
import { useSubmit } from './use-submit';

const KINDS = [
  ['proof_of_funds', 'Proof of funds'],
  ['subscription_agreement', 'Signed subscription agreement'],
  ['tax_form', 'Tax form'],
  ['accreditation_evidence', 'Accreditation evidence'],
  ['proof_of_address', 'Proof of address'],
  ['other', 'Other'],
] as const;

/** POST /api/investor/documents: the file as the raw body, described in the query string. */
export function InvestorDocumentUpload() {
  const form = useRef<HTMLFormElement>(null);
  const s = useSubmit(async (data) => {
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) throw new ApiError({ status: 400, code: 'validation_failed', detail: 'Choose a file to upload', errors: [{ field: 'file', message: 'Choose a file to upload' }] });
    const q = new URLSearchParams({ title: String(data.get('title') || file.name).trim(), kind: String(data.get('kind')), fileName: file.name });
    await api(`/api/investor/documents?${q}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
    form.current?.reset();
  }, 'Document uploaded.');
  const fileError = s.fieldError('file') ?? s.fieldError('fileName');
  return (
    <form ref={form} onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
      <Field id="investor-doc-kind" label="Kind" error={s.fieldError('kind')}>
        <NativeSelect {...fieldAria('investor-doc-kind', s.fieldError('kind'))} name="kind">
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="investor-doc-title" label="Title (optional)" error={s.fieldError('title')}>
        <Input {...fieldAria('investor-doc-title', s.fieldError('title'))} name="title" maxLength={200} />
      </Field>
      <Field id="investor-doc-file" label="File" hint="PDF or image" error={fileError}>
        <Input {...fieldAria('investor-doc-file', fileError, true)} name="file" type="file" accept="application/pdf,image/*" />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />} Upload
        </Button>
      </div>
    </form>
  );
}
