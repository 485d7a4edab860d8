'use client';

import { deviceLabel } from '@/ui/device';
import { formResolver } from '@/ui/form-resolver';
import { Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, ApiError, errorMessage } from '@/ui/api-client';
import { formatDateTime } from '@/ui/format';
import { Alert } from '@/ui/primitives/alert';
import { Badge } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { Field, fieldAria } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

const profileSchema = z.object({
  firstName: z.string().trim().min(1, 'Enter your first name').max(100),
  lastName: z.string().trim().min(1, 'Enter your last name').max(100),
  displayName: z.string().trim().max(100),
  phone: z.string().trim().refine((v) => v === '' || /^\+?[0-9 ()-]{6,20}$/.test(v), 'Enter a phone number such as +44 20 7946 0958'),
  country: z.string().trim().toUpperCase().refine((v) => v === '' || /^[A-Z]{2}$/.test(v), 'Use a two-letter country code such as GB or US'),
});
type ProfileValues = z.input<typeof profileSchema>;
const FIELDS = ['firstName', 'lastName', 'displayName', 'phone', 'country'] as const;
const LABELS: Record<(typeof FIELDS)[number], [string, string?]> = {
  firstName: ['First name', 'given-name'],
  lastName: ['Last name', 'family-name'],
  displayName: ['Display name (optional)', 'nickname'],
  phone: ['Phone (optional)', 'tel'],
  country: ['Country code (optional)', 'country'],
};

export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const form = useForm<ProfileValues, unknown, z.output<typeof profileSchema>>({ resolver: formResolver(profileSchema), defaultValues: initial });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(null);
    const orNull = (s: string) => (s === '' ? null : s);
    try {
      await api('/api/profile', { method: 'PATCH', json: { firstName: v.firstName, lastName: v.lastName, displayName: orNull(v.displayName), phone: orNull(v.phone), country: orNull(v.country) } });
      setMessage({ tone: 'success', text: 'Your details were saved.' });
      router.refresh();
    } catch (e) {
      const field = e instanceof ApiError ? FIELDS.find((f) => e.field(f)) : undefined;
      if (field && e instanceof ApiError) form.setError(field, { message: e.field(field) });
      else setMessage({ tone: 'error', text: errorMessage(e) });
    }
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      {message && (
        <Alert tone={message.tone} className="sm:col-span-2">
          {message.text}
        </Alert>
      )}
      {FIELDS.map((f) => (
        <Field key={f} id={`profile-${f}`} label={LABELS[f][0]} error={errors[f]?.message}>
          <Input {...fieldAria(`profile-${f}`, errors[f]?.message)} autoComplete={LABELS[f][1]} {...form.register(f)} />
        </Field>
      ))}
      <div className="flex items-end sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting && <Loader2 className="animate-spin" aria-hidden />} Save changes
        </Button>
      </div>
    </form>
  );
}

export function EmailVerification() {
  const router = useRouter();
  const [code, setCode] = useState('');
  const [msg, setMsg] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function verify(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api('/api/auth/verify-email', { method: 'POST', json: { code } });
      router.refresh();
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  async function resend() {
    try {
      await api('/api/auth/verify-email/resend', { method: 'POST' });
      setMsg({ tone: 'info', text: 'A new code is on its way to your inbox.' });
    } catch (err) {
      setMsg({ tone: 'error', text: errorMessage(err) });
    }
  }
  return (
    <form onSubmit={verify} className="mt-5 grid gap-3 border-t border-border pt-4">
      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
      <Field id="verify-code" label="Email confirmation code">
        <Input id="verify-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={busy || code.length !== 6}>
          Confirm email
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={resend}>
          Send a new code
        </Button>
      </div>
    </form>
  );
}

export function MfaSetup({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (codes) {
    return (
      <div className="grid gap-3">
        <Alert tone="success" title="Two-step verification is on">
          Save these recovery codes somewhere safe. Each works once if you lose your device; they are not shown again.
        </Alert>
        <ul className="grid grid-cols-2 gap-2 rounded-md bg-muted p-3 font-mono text-sm">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Button variant="outline" onClick={() => router.refresh()}>
          I have saved them
        </Button>
      </div>
    );
  }
  if (enabled) return <p className="text-sm">Two-step verification is on. You will be asked for a code from your authenticator app at every login.</p>;
  if (!setup) {
    return (
      <div className="grid gap-3">
        {error && <Alert tone="error">{error}</Alert>}
        <Button
          className="justify-self-start"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              setSetup(await api('/api/auth/mfa/setup', { method: 'POST' }));
            } catch (e) {
              setError(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          Set up two-step verification
        </Button>
      </div>
    );
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ recoveryCodes: string[] }>('/api/auth/mfa/enable', { method: 'POST', json: { code } });
      setCodes(r.recoveryCodes);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={confirm} className="grid gap-3">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm">Add this key to your authenticator app (Google Authenticator, 1Password, Authy…), then enter the code it shows.</p>
      <p className="rounded-md bg-muted p-3 font-mono text-sm break-all" data-testid="mfa-secret">
        {setup.secret}
      </p>
      <a href={setup.otpauthUrl} className="text-sm text-primary-text underline">
        Open in an authenticator app on this device
      </a>
      <Field id="mfa-enable-code" label="Code from the app">
        <Input id="mfa-enable-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <Button type="submit" className="justify-self-start" disabled={busy || code.length < 6}>
        Turn on
      </Button>
    </form>
  );
}

type SessionRow = { id: string; current: boolean; ip: string | null; userAgent: string | null; createdAt: string; lastUsedAt: string };


export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function revoke(id: string) {
    setBusy(id);
    setError(null);
    try {
      await api(`/api/auth/sessions/${id}`, { method: 'DELETE' });
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="grid gap-3">
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="divide-y divide-border">
        {sessions.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
            <div className="min-w-0 text-sm">
              <p className="flex items-center gap-2 font-medium">
                {deviceLabel(s.userAgent)} {s.current && <Badge tone="brand">This device</Badge>}
              </p>
              <p className="text-xs text-muted-foreground">
                {s.ip ?? 'Unknown address'} · last used {formatDateTime(s.lastUsedAt)}
              </p>
            </div>
            {!s.current && (
              <Button size="sm" variant="outline" disabled={busy === s.id} onClick={() => revoke(s.id)} aria-label={`Revoke session on ${deviceLabel(s.userAgent)} last used ${formatDateTime(s.lastUsedAt)}`}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
