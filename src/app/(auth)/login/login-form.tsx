'use client';

import { formResolver } from '@/ui/form-resolver';
import { Loader2, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, errorMessage, refreshSession } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Field, fieldAria } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';
import { safeNext } from '../safe-next';

const credentials = z.object({ email: z.email('Enter your email address'), password: z.string().min(1, 'Enter your password') });
const mfa = z.object({ code: z.string().trim().min(6, 'Enter the 6-digit code or a recovery code').max(32) });
type LoginResponse = { token: string; user: unknown } | { mfaRequired: true; mfaToken: string };

// A full navigation, so server components render with the new session cookie.
const go = (path: string) => window.location.assign(path);

export function LoginForm() {
  const params = useSearchParams();
  // Without a destination, the home page sends each person to their own workspace.
  const next = safeNext(params.get('next'), '/');
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState(!!params.get('next'));

  // Sent here because the short-lived access cookie ran out: try the refresh cookie once.
  useEffect(() => {
    if (!params.get('next')) return;
    const last = Number(sessionStorage.getItem('cdp-resume') ?? 0);
    if (Date.now() - last < 15_000) return setResuming(false);
    sessionStorage.setItem('cdp-resume', String(Date.now()));
    void refreshSession().then((ok) => (ok ? go(next) : setResuming(false)));
  }, [params, next]);

  const login = useForm<z.infer<typeof credentials>>({ resolver: formResolver(credentials), defaultValues: { email: params.get('email') ?? '', password: '' } });
  const code = useForm<z.infer<typeof mfa>>({ resolver: formResolver(mfa), defaultValues: { code: '' } });

  const submitLogin = login.handleSubmit(async (v) => {
    setError(null);
    try {
      const r = await api<LoginResponse>('/api/auth/login', { method: 'POST', json: v });
      if ('mfaRequired' in r) setMfaToken(r.mfaToken);
      else go(next);
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  const submitCode = code.handleSubmit(async (v) => {
    setError(null);
    try {
      await api('/api/auth/mfa/verify', { method: 'POST', json: { mfaToken, code: v.code } });
      go(next);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  if (resuming) {
    return (
      <p role="status" className="flex items-center justify-center gap-2 py-10 text-muted-foreground">
        <Loader2 className="size-4 animate-spin" aria-hidden /> Resuming your session…
      </p>
    );
  }

  if (mfaToken) {
    const err = code.formState.errors.code?.message;
    return (
      <>
        <ShieldCheck className="size-10 text-primary-text" aria-hidden />
        <h1 className="mt-3 text-2xl font-semibold">Two-step verification</h1>
        <p className="mt-1 text-sm text-muted-foreground">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
        <form onSubmit={submitCode} className="mt-6 grid gap-4" noValidate>
          {error && <Alert tone="error">{error}</Alert>}
          <Field id="mfa-code" label="Verification code" error={err}>
            <Input {...fieldAria('mfa-code', err)} inputMode="numeric" autoComplete="one-time-code" autoFocus {...code.register('code')} />
          </Field>
          <Button type="submit" size="lg" disabled={code.formState.isSubmitting}>
            {code.formState.isSubmitting && <Loader2 className="animate-spin" aria-hidden />} Verify and log in
          </Button>
          <Button type="button" variant="link" onClick={() => setMfaToken(null)}>
            Use another account
          </Button>
        </form>
      </>
    );
  }

  const { errors, isSubmitting } = login.formState;
  return (
    <>
      <h1 className="text-2xl font-semibold">Log in</h1>
      <p className="mt-1 text-sm text-muted-foreground">Welcome back. Log in to see deals and your portfolio.</p>
      <form onSubmit={submitLogin} className="mt-6 grid gap-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="login-email" label="Email" error={errors.email?.message}>
          <Input {...fieldAria('login-email', errors.email?.message)} type="email" autoComplete="username" {...login.register('email')} />
        </Field>
        <Field id="login-password" label="Password" error={errors.password?.message}>
          <Input {...fieldAria('login-password', errors.password?.message)} type="password" autoComplete="current-password" {...login.register('password')} />
        </Field>
        <div className="-mt-1 text-right text-sm">
          <Link href="/forgot-password" className="text-primary-text hover:underline">
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting && <Loader2 className="animate-spin" aria-hidden />} Log in
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        New here?{' '}
        <Link href="/signup" className="font-medium text-primary-text hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
