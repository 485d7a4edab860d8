'use client';

import { Send } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';

type Status = { available: boolean; botUsername: string | null; linked: { username: string | null; linkedAt: string } | null };
type LinkCode = { code: string; deepLink: string; botUsername: string; expiresAt: string };

/** Link or unlink the member's Telegram chat: a one-time code, opened in Telegram by a t.me link. */
export function TelegramLink({ initial }: { initial: Status }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [code, setCode] = useState<LinkCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const getCode = () => run(async () => setCode(await api<LinkCode>('/api/notifications/telegram/link-code', { method: 'POST' })));
  // After the member pressed Start in Telegram: the link shows here, and Telegram joins the table below.
  const check = () =>
    run(async () => {
      const s = await api<Status>('/api/notifications/telegram');
      setStatus(s);
      if (s.linked) {
        setCode(null);
        router.refresh();
      } else setError('Not linked yet: open the link in Telegram and press Start, then check again.');
    });
  const unlink = () =>
    run(async () => {
      await api('/api/notifications/telegram', { method: 'DELETE' });
      setStatus({ ...status, linked: null });
      router.refresh();
    });
  if (!status.available) return null;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Send aria-hidden className="size-4" /> Telegram
        </CardTitle>
        <CardDescription>Get your notifications from @{status.botUsername} in Telegram.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {error && (
          <Alert tone="error" className="py-2">
            {error}
          </Alert>
        )}
        {status.linked ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p>
              Linked{status.linked.username ? ` to @${status.linked.username}` : ''} since {new Date(status.linked.linkedAt).toLocaleDateString()}.
            </p>
            <Button variant="outline" onClick={unlink} disabled={busy}>
              Unlink Telegram
            </Button>
          </div>
        ) : code ? (
          <div className="grid gap-3">
            <p>
              Open the link in Telegram and press <strong>Start</strong>, or send <code className="break-all rounded bg-muted px-1">/start {code.code}</code> to @{code.botUsername}. The code works once, until{' '}
              {new Date(code.expiresAt).toLocaleTimeString()}.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                <a href={code.deepLink} target="_blank" rel="noreferrer">
                  Open Telegram
                </a>
              </Button>
              <Button variant="outline" onClick={check} disabled={busy}>
                I pressed Start
              </Button>
            </div>
          </div>
        ) : (
          <div>
            <Button onClick={getCode} disabled={busy}>
              Link Telegram
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
