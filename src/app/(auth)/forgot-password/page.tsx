'use client';

import { Loader2, MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button, buttonVariants } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/password/forgot', { method: 'POST', json: { email } });
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <div className="text-center">
        <MailCheck className="mx-auto size-10 text-primary-text" aria-hidden />
        <h1 className="mt-3 text-2xl font-semibold">Check your email</h1>
        <p className="mt-2 text-sm text-muted-foreground">If an account exists for {email}, a 6-digit reset code is on its way. It expires in 15 minutes.</p>
        <Link href={`/reset-password?email=${encodeURIComponent(email)}`} className={buttonVariants({ size: 'lg', className: 'mt-6 w-full' })}>
          Enter the code
        </Link>
      </div>
    );
  }
  return (
    <>
      <title>Reset your password</title>
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="mt-1 text-sm text-muted-foreground">Enter your email and we will send you a code to choose a new one.</p>
      <form onSubmit={onSubmit} className="mt-6 grid gap-4">
        {error && <Alert tone="error">{error}</Alert>}
        <Field id="forgot-email" label="Email">
          <Input id="forgot-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Button type="submit" size="lg" disabled={busy}>
          {busy && <Loader2 className="animate-spin" aria-hidden />} Send reset code
        </Button>
      </form>
      <p className="mt-6 text-center text-sm">
        <Link href="/login" className="text-primary-text hover:underline">
          Back to log in
        </Link>
      </p>
    </>
  );
}
