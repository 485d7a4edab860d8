'use client';

import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { formatDateTime } from '@/ui/format';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Input } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';

type Endpoint = { id: string; url: string; description: string | null; eventTypes: string[]; enabled: boolean; createdAt: string };
type Delivery = { id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string; nextAttemptAt: string | null };

/** Endpoints, a form to add one (its secret shown once), and per endpoint: send a test event, see the delivery log. */
export function WebhookEndpoints({ initial }: { initial: Endpoint[] }) {
  const [list, setList] = useState(initial);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [logs, setLogs] = useState<Record<string, Delivery[]>>({});

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const created = await api<Endpoint & { secret: string }>('/api/admin/webhooks', { method: 'POST', json: { url } });
      setList((cur) => [...cur, created]);
      setSecret(created.secret);
      setUrl('');
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    }
  };
  const showLog = async (id: string) => {
    const r = await api<{ deliveries: Delivery[] }>(`/api/admin/webhooks/${id}/deliveries`);
    setLogs((cur) => ({ ...cur, [id]: r.deliveries }));
  };
  const test = async (id: string) => {
    setMessage(null);
    try {
      await api(`/api/admin/webhooks/${id}/test`, { method: 'POST' });
      setMessage({ tone: 'success', text: 'Test event queued; it is sent within a few seconds.' });
      setTimeout(() => void showLog(id).catch(() => {}), 3000);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    }
  };
  const remove = async (id: string) => {
    try {
      await api(`/api/admin/webhooks/${id}`, { method: 'DELETE' });
      setList((cur) => cur.filter((x) => x.id !== id));
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    }
  };

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Add an endpoint</CardTitle>
          <CardDescription>Each delivery carries webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks); verify them with the secret.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={(e) => void create(e)} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="grid flex-1 gap-1.5">
              <Label htmlFor="webhook-url">Endpoint URL</Label>
              <Input id="webhook-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/community" />
            </div>
            <Button type="submit">Add endpoint</Button>
          </form>
          {secret && (
            <Alert tone="success" className="mt-4" title="Signing secret (shown once)">
              <code className="break-all">{secret}</code>
            </Alert>
          )}
        </CardContent>
      </Card>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {list.map((ep) => (
        <Card key={ep.id}>
          <CardHeader>
            <CardTitle className="break-all text-base">{ep.url}</CardTitle>
            <CardDescription>
              {ep.eventTypes.length ? ep.eventTypes.join(', ') : 'All events'} · added {formatDateTime(ep.createdAt)}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={() => void test(ep.id)}>
                Send test event
              </Button>
              <Button size="sm" variant="outline" onClick={() => void showLog(ep.id)}>
                Delivery log
              </Button>
              <Button size="sm" variant="ghost" onClick={() => void remove(ep.id)}>
                Remove
              </Button>
            </div>
            {logs[ep.id] && (
              <ul className="grid gap-1 text-sm" aria-label={`Deliveries to ${ep.url}`}>
                {logs[ep.id]!.length === 0 && <li className="text-muted-foreground">No deliveries yet.</li>}
                {logs[ep.id]!.map((d) => (
                  <li key={d.id} className="flex flex-wrap gap-x-3">
                    <span className="font-medium">{d.eventType}</span>
                    <span>{d.status}</span>
                    <span className="text-muted-foreground">
                      {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                      {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ''}
                      {d.lastError && !d.lastStatusCode ? ` · ${d.lastError}` : ''}
                    </span>
                    <span className="text-muted-foreground">{formatDateTime(d.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
