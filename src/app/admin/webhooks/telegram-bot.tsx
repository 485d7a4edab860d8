'use client';

import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Input } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';

type Settings = { configured: boolean; source: 'tenant' | 'platform' | null; botUsername: string | null; webhookUrl: string | null; webhook?: { set: boolean; error: string | null } };

/** The tenant's own Telegram bot: paste the token from @BotFather; it is checked, sealed, and never shown again. */
export function TelegramBot({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const s = await api<Settings>('/api/admin/telegram', { method: 'PUT', json: { token } });
      setSettings(s);
      setToken('');
      setMessage(s.webhook?.set ? { tone: 'success', text: `@${s.botUsername} is your bot now.` } : { tone: 'error', text: `@${s.botUsername} is saved, but Telegram did not accept the webhook: ${s.webhook?.error ?? 'unknown error'}` });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    }
  };
  const remove = async () => {
    setMessage(null);
    try {
      setSettings(await api<Settings>('/api/admin/telegram', { method: 'DELETE' }));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    }
  };
  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle>Telegram bot</CardTitle>
        <CardDescription>
          {settings.configured ? `Members link their chats to @${settings.botUsername}${settings.source === 'platform' ? ' (the platform’s bot)' : ''}.` : 'No bot yet: members cannot choose Telegram.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {message && (
          <Alert tone={message.tone} className="py-2">
            {message.text}
          </Alert>
        )}
        <form onSubmit={save} className="grid gap-2 sm:flex sm:items-end">
          <div className="grid flex-1 gap-1">
            <Label htmlFor="telegram-token">Bot token from @BotFather</Label>
            <Input id="telegram-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="123456789:AA…" required />
          </div>
          <Button type="submit">Save bot</Button>
        </form>
        {settings.source === 'tenant' && (
          <div>
            <Button variant="outline" onClick={remove}>
              Remove our bot
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
