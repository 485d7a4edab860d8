'use client';

import { MailCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { Input } from '@/ui/primitives/input';

/** The public subscribe form: the confirmation link goes by email (double opt-in). */
export function SubscribeForm({ tenantName }: { tenantName: string }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/newsletter/subscribe', { method: 'POST', json: { email } });
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <div className="text-center" role="status">
        <MailCheck className="mx-auto size-10 text-primary-text" aria-hidden />
        <h2 className="mt-3 text-xl font-semibold">Check your email</h2>
        <p className="mt-2 text-sm text-muted-foreground">We sent a confirmation link to {email}. The newsletter starts once you confirm (the link works for 7 days).</p>
      </div>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-4">
      <p className="text-sm text-muted-foreground">News about {tenantName}’s deals and community. Unsubscribe from any issue with one click.</p>
      <Field id="nl-email" label="Email address">
        <Input id="nl-email" type="email" autoComplete="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" size="lg" disabled={busy}>
        Subscribe
      </Button>
    </form>
  );
}

const ACTIONS = {
  confirm: { button: 'Confirm my subscription', done: 'Your subscription is confirmed. The next newsletter will reach you.' },
  unsubscribe: { button: 'Unsubscribe', done: 'You are unsubscribed and will receive no more newsletters.' },
} as const;

/** Confirm or unsubscribe with a mailed token: the page asks first, so link scanners change nothing. */
export function NewsletterTokenAction({ kind, token }: { kind: keyof typeof ACTIONS; token: string }) {
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async () => {
    setBusy(true);
    try {
      if (kind === 'confirm') await api('/api/newsletter/confirm', { method: 'POST', json: { token } });
      else await api(`/api/newsletter/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' });
      setState({ tone: 'success', text: ACTIONS[kind].done });
    } catch (e) {
      setState({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return state ? (
    <Alert tone={state.tone}>{state.text}</Alert>
  ) : (
    <Button size="lg" className="w-full" disabled={busy || !token} onClick={() => void act()}>
      {ACTIONS[kind].button}
    </Button>
  );
}

/** A member's own newsletter switch on the notification settings page. */
export function MemberNewsletter({ initial }: { initial: { status: 'pending' | 'confirmed' | 'unsubscribed' | 'none'; email: string } }) {
  const [sub, setSub] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const set = async (subscribed: boolean) => {
    setError(null);
    try {
      setSub(await api<typeof initial>('/api/newsletter/subscription', { method: 'PUT', json: { subscribed } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const on = sub.status === 'confirmed';
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Newsletter</CardTitle>
        <CardDescription>
          {on ? `The newsletter goes to ${sub.email}.` : sub.status === 'pending' ? `Confirm the link we sent to ${sub.email} to start receiving it.` : `You do not receive the newsletter at ${sub.email}.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {error && <Alert tone="error">{error}</Alert>}
        <div>
          <Button variant={on ? 'outline' : 'default'} onClick={() => void set(!on)}>
            {on ? 'Unsubscribe from the newsletter' : 'Subscribe to the newsletter'}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
