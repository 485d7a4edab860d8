'use client';

import { formResolver } from '@/ui/form-resolver';
import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, ApiError, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Field, fieldAria } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

const schema = z.object({
  firstName: z.string().trim().min(1, 'Enter your first name').max(100),
  lastName: z.string().trim().min(1, 'Enter your last name').max(100),
  email: z.email('Enter a valid email address'),
  password: z.string().min(12, 'Use at least 12 characters').max(128, 'Use at most 128 characters'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['firstName', 'lastName', 'email', 'password'] as const;

export function SignupForm() {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: formResolver(schema), defaultValues: { firstName: '', lastName: '', email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    setNotice(null);
    try {
      await api('/api/auth/register', { method: 'POST', json: v });
    } catch (e) {
      // The password policy (common or personal passwords) is checked by the API.
      const field = e instanceof ApiError ? FIELDS.find((f) => e.field(f)) : undefined;
      if (field && e instanceof ApiError) form.setError(field, { message: e.field(field) });
      else setError(errorMessage(e));
      return;
    }
    try {
      const r = await api<{ mfaRequired?: boolean }>('/api/auth/login', { method: 'POST', json: { email: v.email, password: v.password } });
      window.location.assign(r.mfaRequired ? `/login?email=${encodeURIComponent(v.email)}` : '/deals');
    } catch {
      // Registration answers the same whether or not the email was taken (no account probing).
      setNotice('We sent a message to that address. If you already have an account, log in or reset your password.');
    }
  });

  const f = (name: (typeof FIELDS)[number]) => ({ ...fieldAria(`signup-${name}`, errors[name]?.message, name === 'password'), ...form.register(name) });
  return (
    <>
      <h1 className="text-2xl font-semibold">Create your account</h1>
      <p className="mt-1 text-sm text-muted-foreground">Browse vetted deals and invest with funds held in escrow.</p>
      <form onSubmit={onSubmit} className="mt-6 grid gap-4" noValidate>
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="signup-firstName" label="First name" error={errors.firstName?.message}>
            <Input autoComplete="given-name" {...f('firstName')} />
          </Field>
          <Field id="signup-lastName" label="Last name" error={errors.lastName?.message}>
            <Input autoComplete="family-name" {...f('lastName')} />
          </Field>
        </div>
        <Field id="signup-email" label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" {...f('email')} />
        </Field>
        <Field id="signup-password" label="Password" error={errors.password?.message} hint="At least 12 characters. A short sentence works well; common passwords are refused.">
          <Input type="password" autoComplete="new-password" {...f('password')} />
        </Field>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting && <Loader2 className="animate-spin" aria-hidden />} Create account
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        Already have an account?{' '}
        <Link href="/login" className="font-medium text-primary-text hover:underline">
          Log in
        </Link>
      </p>
    </>
  );
}
