'use client';

import { CheckCircle2, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button, buttonVariants } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

export function ResetForm() {
  const params = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/password/reset', { method: 'POST', json: { email, code, newPassword: password } });
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="text-center" role="status">
        <CheckCircle2 className="mx-auto size-10 text-success" aria-hidden />
        <h1 className="mt-3 text-2xl font-semibold">Password changed</h1>
        <p className="mt-2 text-sm text-muted-foreground">You were signed out everywhere. Log in with your new password.</p>
        <Link href={`/login?email=${encodeURIComponent(email)}`} className={buttonVariants({ size: 'lg', className: 'mt-6 w-full' })}>
          Log in
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-muted-foreground">Enter the 6-digit code from the email we sent you.</p>
      <form onSubmit={onSubmit} className="mt-6 grid gap-4">
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="reset-email" label="Email">
          <Input id="reset-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="reset-code" label="Reset code">
          <Input id="reset-code" required inputMode="numeric" pattern="\d{6}" maxLength={6} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field id="reset-password" label="New password" hint="At least 12 characters.">
          <Input id="reset-password" type="password" required minLength={12} autoComplete="new-password" aria-describedby="reset-password-hint" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" size="lg" disabled={busy}>
          {busy && <Loader2 className="animate-spin" aria-hidden />} Change password
        </Button>
      </form>
      <p className="mt-6 text-center text-sm">
        <Link href="/forgot-password" className="text-primary-text hover:underline">
          Send a new code
        </Link>
      </p>
    </>
  );
}
