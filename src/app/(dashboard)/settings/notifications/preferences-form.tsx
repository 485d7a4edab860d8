'use client';

import { Lock } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';

type Prefs = {
  channels: { channel: string; available: boolean }[];
  types: { type: string; label: string; marketing: boolean; channels: Record<string, { enabled: boolean; locked: boolean }> }[];
};

const CHANNEL_LABELS: Record<string, string> = { in_app: 'In the app', email: 'Email', telegram: 'Telegram' };

/** One switch per type and channel, saved as it is flipped. */
export function PreferencesForm({ initial }: { initial: Prefs }) {
  const [prefs, setPrefs] = useState(initial);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const channels = prefs.channels.filter((c) => c.available).map((c) => c.channel);
  const flip = async (type: string, channel: string, enabled: boolean) => {
    setMessage(null);
    const before = prefs;
    // The switch moves at once; the server's answer (or an error) settles it.
    setPrefs({ ...prefs, types: prefs.types.map((t) => (t.type === type ? { ...t, channels: { ...t.channels, [channel]: { ...t.channels[channel]!, enabled } } } : t)) });
    try {
      setPrefs(await api<Prefs>('/api/notifications/preferences', { method: 'PUT', json: { preferences: [{ type, channel, enabled }] } }));
      setMessage({ tone: 'success', text: 'Saved.' });
    } catch (e) {
      setPrefs(before);
      setMessage({ tone: 'error', text: errorMessage(e) });
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>What you hear about</CardTitle>
        <CardDescription>A padlock marks messages that cannot be switched off.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {message && (
          <Alert tone={message.tone} className="py-2">
            {message.text}
          </Alert>
        )}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Channels per kind of message</caption>
            <thead>
              <tr className="border-b border-border text-left">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Message
                </th>
                {channels.map((c) => (
                  <th key={c} scope="col" className="px-2 py-2 text-center font-medium">
                    {CHANNEL_LABELS[c] ?? c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prefs.types.map((t) => (
                <tr key={t.type} className="border-b border-border last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-normal">
                    {t.label}
                  </th>
                  {channels.map((c) => {
                    const s = t.channels[c]!;
                    const label = `${t.label} by ${CHANNEL_LABELS[c] ?? c}${s.locked ? ' (always on)' : ''}`;
                    return (
                      <td key={c} className="px-2 py-2 text-center">
                        <span className="inline-flex items-center gap-1">
                          <input type="checkbox" className="size-5 accent-primary" aria-label={label} checked={s.enabled} disabled={s.locked} onChange={(e) => void flip(t.type, c, e.target.checked)} />
                          {s.locked && <Lock className="size-3.5 text-muted-foreground" aria-hidden />}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}

/** The unsubscribe link of an email lands here and asks first: link scanners do not click. */
export function UnsubscribeConfirm({ token }: { token: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const confirm = async () => {
    try {
      const r = await api<{ unsubscribed: { label: string } }>(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' });
      setState({ tone: 'success', text: `You will no longer get “${r.unsubscribed.label}” by email.` });
      router.refresh();
    } catch (e) {
      setState({ tone: 'error', text: errorMessage(e) });
    }
  };
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Stop these emails?</CardTitle>
        <CardDescription>You followed an unsubscribe link from one of our emails.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {state ? <Alert tone={state.tone}>{state.text}</Alert> : <Button onClick={() => void confirm()}>Unsubscribe</Button>}
      </CardContent>
    </Card>
  );
}
