'use client';

import { Loader2, ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Field, fieldAria } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

// Password, then the authenticator code: the console has no sign-in without the second factor.
export function ConsoleLoginForm() {
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (fn: (data: FormData) => Promise<void>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await fn(new FormData(e.currentTarget));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (mfaToken)
    return (
      <>
        <ShieldCheck className="size-10 text-primary-text" aria-hidden />
        <h1 className="mt-3 text-2xl font-semibold">Authenticator code</h1>
        <p className="mt-1 text-sm text-muted-foreground">Enter the 6-digit code your authenticator app shows for the console.</p>
        <form
          className="mt-6 grid gap-4"
          noValidate
          onSubmit={submit(async (d) => {
            await api('/api/platform/auth/mfa', { method: 'POST', json: { mfaToken, code: String(d.get('code') ?? '') } });
            window.location.assign('/console');
          })}
        >
          {error && <Alert tone="error">{error}</Alert>}
          <Field id="console-code" label="Code">
            <Input {...fieldAria('console-code')} name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus />
          </Field>
          <Button type="submit" size="lg" disabled={busy}>
            {busy && <Loader2 className="animate-spin" aria-hidden />} Verify and sign in
          </Button>
        </form>
      </>
    );

  return (
    <>
      <h1 className="text-2xl font-semibold">Operator console</h1>
      <p className="mt-1 text-sm text-muted-foreground">Platform admins only. A password and an authenticator code are both required.</p>
      <form
        className="mt-6 grid gap-4"
        noValidate
        onSubmit={submit(async (d) => {
          const r = await api<{ mfaToken: string }>('/api/platform/auth/login', { method: 'POST', json: { email: String(d.get('email') ?? ''), password: String(d.get('password') ?? '') } });
          setMfaToken(r.mfaToken);
        })}
      >
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="console-email" label="Email">
          <Input {...fieldAria('console-email')} name="email" type="email" autoComplete="username" />
        </Field>
        <Field id="console-password" label="Password">
          <Input {...fieldAria('console-password')} name="password" type="password" autoComplete="current-password" />
        </Field>
        <Button type="submit" size="lg" disabled={busy}>
          {busy && <Loader2 className="animate-spin" aria-hidden />} Continue
        </Button>
      </form>
    </>
  );
}
