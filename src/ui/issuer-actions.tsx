'use client';

import { formResolver } from '@/ui/form-resolver';
import { Loader2, Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createIssuerInput } from '@/server/issuers/schema';
import { api, errorMessage } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';

export function SubmitForReviewButton({ dealId, title, disabled }: { dealId: string; title: string; disabled?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        disabled={busy || disabled}
        aria-label={`Submit ${title} for review`}
        title={disabled ? 'Your issuer profile must be verified first' : undefined}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api(`/api/deals/${dealId}/transitions`, { method: 'POST', json: { action: 'submit' } });
            router.refresh();
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} Submit for review
      </Button>
      {error && (
        <p role="alert" className="max-w-56 text-right text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

type IssuerValues = z.input<typeof createIssuerInput>;
const ENTITY_TYPES = ['corporation', 'llc', 'partnership', 'trust', 'fund', 'other'] as const;

export function IssuerProfileForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<IssuerValues, unknown, z.output<typeof createIssuerInput>>({
    resolver: formResolver(createIssuerInput),
    defaultValues: { legalEntity: { name: '', jurisdiction: '', registrationNumber: '', entityType: 'corporation' }, profile: { displayName: '' } },
  });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await api('/api/issuer/profile', { method: 'POST', json: v });
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {error && (
        <Alert tone="error" className="sm:col-span-2">
          {error}
        </Alert>
      )}
      <Field id="issuer-display" label="Public name" error={e.profile?.displayName?.message} className="sm:col-span-2">
        <Input {...fieldAria('issuer-display', e.profile?.displayName?.message)} {...form.register('profile.displayName')} />
      </Field>
      <Field id="issuer-legal" label="Legal entity name" error={e.legalEntity?.name?.message}>
        <Input {...fieldAria('issuer-legal', e.legalEntity?.name?.message)} autoComplete="organization" {...form.register('legalEntity.name')} />
      </Field>
      <Field id="issuer-type" label="Entity type">
        <NativeSelect id="issuer-type" {...form.register('legalEntity.entityType')}>
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {t === 'llc' ? 'LLC' : t.charAt(0).toUpperCase() + t.slice(1)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="issuer-jurisdiction" label="Jurisdiction" hint='ISO code, e.g. "US-DE" or "GB"' error={e.legalEntity?.jurisdiction?.message}>
        <Input {...fieldAria('issuer-jurisdiction', e.legalEntity?.jurisdiction?.message, true)} {...form.register('legalEntity.jurisdiction')} />
      </Field>
      <Field id="issuer-reg" label="Registration number" error={e.legalEntity?.registrationNumber?.message}>
        <Input {...fieldAria('issuer-reg', e.legalEntity?.registrationNumber?.message)} {...form.register('legalEntity.registrationNumber')} />
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting && <Loader2 className="animate-spin" aria-hidden />} Create issuer profile
        </Button>
      </div>
    </form>
  );
}
