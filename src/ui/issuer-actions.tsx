'use client';

import { formResolver } from '@/ui/form-resolver';
import { Loader2, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createIssuerInput } from '@/server/issuers/schema';
import { api, ApiError, errorMessage } from './api-client';
import { ConfirmAction } from './confirm-action';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';
import { entityTypeLabel } from './status-labels';
import { useSubmit } from './use-submit';

export function SubmitForReviewButton({ dealId, title, disabled }: { dealId: string; title: string; disabled?: boolean }) {
  return (
    <ConfirmAction
      label="Submit for review"
      icon={<Send aria-hidden />}
      ariaLabel={`Submit ${title} for review`}
      title={`Submit ${title} for review?`}
      description="The review team checks the deal before investors can see it. You cannot edit it while it is in review unless you withdraw it."
      confirmLabel="Submit for review"
      request={{ path: `/api/deals/${dealId}/transitions`, json: { action: 'submit' } }}
      disabled={disabled}
      disabledReason={disabled ? 'Your issuer profile must be verified first' : undefined}
    />
  );
}

type IssuerValues = z.input<typeof createIssuerInput>;
const ENTITY_TYPES = ['corporation', 'llc', 'partnership', 'trust', 'fund', 'other'] as const;
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * The issuer's legal entity and public profile: created once, then edited here. The form says
 * before saving that a change to a verified legal entity sends it back to review.
 */
export function IssuerProfileForm({ initial, verified = false }: { initial?: IssuerValues; verified?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<IssuerValues, unknown, z.output<typeof createIssuerInput>>({
    resolver: formResolver(createIssuerInput),
    defaultValues: initial ?? { legalEntity: { name: '', jurisdiction: '', registrationNumber: '', entityType: 'corporation', address: {} }, profile: { displayName: '' } },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    setSaved(false);
    try {
      await api('/api/issuer/profile', { method: initial ? 'PATCH' : 'POST', json: v });
      setSaved(!!initial);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const text = (id: string, label: string, name: Parameters<typeof form.register>[0], message: string | undefined, opts: { hint?: string; autoComplete?: string; optional?: boolean; className?: string } = {}) => (
    <Field id={id} label={label} hint={opts.hint} error={message} className={opts.className}>
      <Input {...fieldAria(id, message, !!opts.hint)} autoComplete={opts.autoComplete ?? 'off'} {...form.register(name, opts.optional ? { setValueAs: blankToUndefined } : undefined)} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {error && (
        <Alert tone="error" className="sm:col-span-2">
          {error}
        </Alert>
      )}
      {saved && (
        <Alert tone="success" className="sm:col-span-2">
          Saved.
        </Alert>
      )}
      {text('issuer-display', 'Public name', 'profile.displayName', e.profile?.displayName?.message, { className: 'sm:col-span-2' })}
      {text('issuer-legal', 'Legal entity name', 'legalEntity.name', e.legalEntity?.name?.message, { autoComplete: 'organization' })}
      <Field id="issuer-type" label="Entity type">
        <NativeSelect id="issuer-type" {...form.register('legalEntity.entityType')}>
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {entityTypeLabel(t)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {text('issuer-jurisdiction', 'Jurisdiction', 'legalEntity.jurisdiction', e.legalEntity?.jurisdiction?.message, { hint: 'ISO code, e.g. "US-DE" or "GB"' })}
      {text('issuer-reg', 'Registration number', 'legalEntity.registrationNumber', e.legalEntity?.registrationNumber?.message)}
      {initial && (
        <>
          {text('issuer-line1', 'Street address (optional)', 'legalEntity.address.line1', e.legalEntity?.address?.line1?.message, { autoComplete: 'street-address', optional: true, className: 'sm:col-span-2' })}
          {text('issuer-city', 'City (optional)', 'legalEntity.address.city', e.legalEntity?.address?.city?.message, { autoComplete: 'address-level2', optional: true })}
          {text('issuer-postal', 'Postal code (optional)', 'legalEntity.address.postalCode', e.legalEntity?.address?.postalCode?.message, { autoComplete: 'postal-code', optional: true })}
          {text('issuer-country', 'Country (optional)', 'legalEntity.address.country', e.legalEntity?.address?.country?.message, { hint: 'Two letters, e.g. "GB"', optional: true })}
          {text('issuer-website', 'Website (optional)', 'profile.website', e.profile?.website?.message, { autoComplete: 'url', optional: true })}
          {text('issuer-contact', 'Contact email (optional)', 'profile.contactEmail', e.profile?.contactEmail?.message, { autoComplete: 'email', optional: true, className: 'sm:col-span-2' })}
        </>
      )}
      {initial && verified && (
        <p className="text-sm text-muted-foreground sm:col-span-2">Your legal entity is verified. Changing its name, type, jurisdiction, registration number or address sends it back to the platform team for review.</p>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting && <Loader2 className="animate-spin" aria-hidden />} {initial ? 'Save issuer profile' : 'Create issuer profile'}
        </Button>
      </div>
    </form>
  );
}

const DOCUMENT_KINDS = [
  ['certificate_of_incorporation', 'Certificate of incorporation'],
  ['good_standing', 'Certificate of good standing'],
  ['articles_of_association', 'Articles of association'],
  ['id_of_director', "Director's identity document"],
  ['proof_of_address', 'Proof of address'],
  ['financial_statements', 'Financial statements'],
  ['other', 'Other'],
] as const;

/** Evidence for the platform team verifying the legal entity. */
export function IssuerDocumentUpload() {
  const s = useSubmit(async (form) => {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) throw new ApiError({ status: 400, code: 'empty_body', detail: 'Choose a file to upload' });
    const q = new URLSearchParams({ title: String(form.get('title') || file.name), kind: String(form.get('kind')), fileName: file.name });
    await api(`/api/issuer/documents?${q}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
  }, 'Document uploaded.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3 border-t border-border pt-4">
      <p className="text-sm font-medium">Upload a document</p>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
      <Field id="issuer-doc-kind" label="Kind">
        <NativeSelect id="issuer-doc-kind" name="kind">
          {DOCUMENT_KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="issuer-doc-title" label="Title (optional)" error={s.fieldError('title')}>
        <Input {...fieldAria('issuer-doc-title', s.fieldError('title'))} name="title" maxLength={200} />
      </Field>
      <Field id="issuer-doc-file" label="File" hint="PDF or image" error={s.fieldError('fileName')}>
        <Input {...fieldAria('issuer-doc-file', s.fieldError('fileName'), true)} name="file" type="file" accept="application/pdf,image/*" required />
      </Field>
      <div>
        <Button type="submit" variant="outline" disabled={s.busy}>
          {s.busy && <Loader2 className="animate-spin" aria-hidden />} Upload
        </Button>
      </div>
    </form>
  );
}
