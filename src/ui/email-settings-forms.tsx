'use client';

import { useState } from 'react';
import { ApiError, api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Field, fieldAria } from '@/ui/primitives/field';
import { Input, NativeSelect, Textarea } from '@/ui/primitives/input';

// The language a member's emails are written in, and the tenant's email defaults (admin).

type Offered = { code: string; name: string }[];
export type LanguageView = { locale: string | null; effective: string; tenantDefault: string; offered: Offered };
export type EmailSettingsView = { defaultLocale: string; legalName: string | null; postalAddress: string | null; offeredLocales: Offered };

type Message = { tone: 'success' | 'error'; text: string } | null;

function Status({ message }: { message: Message }) {
  return message ? (
    <Alert tone={message.tone} className="py-2">
      {message.text}
    </Alert>
  ) : null;
}

const fieldErrors = (e: unknown): Record<string, string> => (e instanceof ApiError ? Object.fromEntries((e.problem.errors ?? []).map((x) => [x.field, x.message])) : {});

/** Settings → notifications: the member's email language, or the community's default. */
export function EmailLanguageForm({ initial }: { initial: LanguageView }) {
  const [view, setView] = useState(initial);
  const [message, setMessage] = useState<Message>(null);
  const defaultName = view.offered.find((o) => o.code === view.tenantDefault)?.name ?? view.tenantDefault;
  const choose = async (value: string) => {
    setMessage(null);
    try {
      setView(await api<LanguageView>('/api/notifications/language', { method: 'PUT', json: { locale: value === '' ? null : value } }));
      setMessage({ tone: 'success', text: 'Saved. Your next emails use this language.' });
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    }
  };
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Email language</CardTitle>
        <CardDescription>The language of the emails you receive from this community. Amounts and dates follow it too.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Status message={message} />
        <Field id="email-language" label="Language">
          <NativeSelect {...fieldAria('email-language')} className="sm:max-w-xs" value={view.locale ?? ''} onChange={(e) => void choose(e.target.value)}>
            <option value="">Community default ({defaultName})</option>
            {view.offered.map((o) => (
              <option key={o.code} value={o.code} lang={o.code}>
                {o.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </CardContent>
    </Card>
  );
}

/** Admin → branding: the default email language and the footer every email carries. */
export function EmailSettingsForm({ initial }: { initial: EmailSettingsView }) {
  const [defaultLocale, setDefaultLocale] = useState(initial.defaultLocale);
  const [legalName, setLegalName] = useState(initial.legalName ?? '');
  const [postalAddress, setPostalAddress] = useState(initial.postalAddress ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      const v = await api<EmailSettingsView>('/api/admin/email-settings', { method: 'PATCH', json: { defaultLocale, legalName: legalName.trim() || null, postalAddress: postalAddress.trim() || null } });
      setDefaultLocale(v.defaultLocale);
      setLegalName(v.legalName ?? '');
      setPostalAddress(v.postalAddress ?? '');
      setMessage({ tone: 'success', text: 'Email settings saved.' });
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle>Emails</CardTitle>
        <CardDescription>Emails carry your logo, colours and name. Members who chose no language get the default; the footer shows your legal name and address.</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={(e) => void save(e)} noValidate>
          <Status message={message} />
          <Field id="email-default-locale" label="Default language" error={errors.defaultLocale}>
            <NativeSelect {...fieldAria('email-default-locale', errors.defaultLocale)} className="sm:max-w-xs" value={defaultLocale} onChange={(e) => setDefaultLocale(e.target.value)}>
              {initial.offeredLocales.map((o) => (
                <option key={o.code} value={o.code} lang={o.code}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="email-legal-name" label="Legal name" hint="Shown in every email's footer, e.g. Harbour Capital GmbH." error={errors.legalName}>
            <Input {...fieldAria('email-legal-name', errors.legalName, true)} value={legalName} maxLength={200} onChange={(e) => setLegalName(e.target.value)} />
          </Field>
          <Field id="email-postal-address" label="Postal address" hint="Required in marketing email in many countries." error={errors.postalAddress}>
            <Textarea {...fieldAria('email-postal-address', errors.postalAddress, true)} rows={3} value={postalAddress} maxLength={500} onChange={(e) => setPostalAddress(e.target.value)} />
          </Field>
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save email settings'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
