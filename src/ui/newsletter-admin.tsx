'use client';

import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '@/ui/api-client';
import { formatDateTime, humanize } from '@/ui/format';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { Input, NativeSelect, Textarea } from '@/ui/primitives/input';

type Stats = { recipients: number; delivered: number; failed: number; uniqueClicks: number; clicks: number; clickRate: string; unsubscribes: number };
export type CampaignItem = {
  id: string;
  subject: string;
  body: string;
  segment: 'all' | 'members' | 'verified_investors' | 'group' | 'issuer_followers';
  groupId: string | null;
  issuerUserId: string | null;
  status: 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
  scheduledAt: string | null;
  sentAt: string | null;
  createdAt: string;
  stats: Stats;
};
type Preview = { subject: string; html: string; text: string };

const SEGMENT_LABELS: Record<CampaignItem['segment'], string> = {
  all: 'All confirmed subscribers',
  members: 'Members',
  verified_investors: 'Verified investors (KYC approved)',
  group: 'Members of a group',
  issuer_followers: 'Followers of an issuer',
};

const percent = (rate: string) => `${(Number(rate) * 100).toFixed(1)}%`;

/** Write, preview, send or schedule campaigns, and read each one's statistics. */
export function NewsletterAdmin({ initial, groups, issuers, subscribers }: { initial: CampaignItem[]; groups: { id: string; name: string }[]; issuers: { id: string; name: string }[]; subscribers: { pending: number; confirmed: number; unsubscribed: number } }) {
  const [list, setList] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [segment, setSegment] = useState<CampaignItem['segment']>('all');
  const [groupId, setGroupId] = useState(groups[0]?.id ?? '');
  const [issuerUserId, setIssuerUserId] = useState(issuers[0]?.id ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [when, setWhen] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const replace = (c: CampaignItem) => setList((cur) => (cur.some((x) => x.id === c.id) ? cur.map((x) => (x.id === c.id ? c : x)) : [c, ...cur]));
  const fail = (err: unknown) => setMessage({ tone: 'error', text: errorMessage(err) });
  const reset = () => {
    setEditing(null);
    setSubject('');
    setBody('');
    setSegment('all');
    setPreview(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const json = { subject, body, segment, groupId: segment === 'group' ? groupId : null, issuerUserId: segment === 'issuer_followers' ? issuerUserId : null };
    try {
      const r = editing
        ? await api<{ campaign: CampaignItem }>(`/api/admin/newsletter/campaigns/${editing}`, { method: 'PATCH', json })
        : await api<{ campaign: CampaignItem }>('/api/admin/newsletter/campaigns', { method: 'POST', json });
      replace(r.campaign);
      setMessage({ tone: 'success', text: `Draft “${r.campaign.subject}” saved.` });
      reset();
    } catch (err) {
      fail(err);
    }
  };
  const showPreview = async () => {
    setMessage(null);
    try {
      setPreview(await api<Preview>('/api/admin/newsletter/preview', { method: 'POST', json: { subject, body } }));
    } catch (err) {
      fail(err);
    }
  };
  const edit = (c: CampaignItem) => {
    setEditing(c.id);
    setSubject(c.subject);
    setBody(c.body);
    setSegment(c.segment);
    if (c.groupId) setGroupId(c.groupId);
    if (c.issuerUserId) setIssuerUserId(c.issuerUserId);
    setPreview(null);
  };
  const send = async (c: CampaignItem, at?: string) => {
    setMessage(null);
    try {
      const r = await api<{ campaign: CampaignItem; recipients: number }>(`/api/admin/newsletter/campaigns/${c.id}/send`, { method: 'POST', json: at ? { at: new Date(at).toISOString() } : {} });
      replace(r.campaign);
      setMessage({ tone: 'success', text: at ? `“${c.subject}” is scheduled for ${formatDateTime(r.campaign.scheduledAt)}.` : `“${c.subject}” is being sent to ${r.recipients} subscriber${r.recipients === 1 ? '' : 's'}.` });
    } catch (err) {
      fail(err);
    }
  };
  const unschedule = async (c: CampaignItem) => {
    try {
      replace((await api<{ campaign: CampaignItem }>(`/api/admin/newsletter/campaigns/${c.id}/unschedule`, { method: 'POST' })).campaign);
    } catch (err) {
      fail(err);
    }
  };
  const refresh = async (c: CampaignItem) => {
    try {
      replace((await api<{ campaign: CampaignItem }>(`/api/admin/newsletter/campaigns/${c.id}`)).campaign);
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div className="grid gap-6">
      <p className="text-sm text-muted-foreground">
        Subscribers: {subscribers.confirmed} confirmed · {subscribers.pending} waiting for confirmation · {subscribers.unsubscribed} unsubscribed. Only confirmed subscribers receive campaigns.
      </p>
      <Card>
        <CardHeader>
          <CardTitle>{editing ? 'Edit the draft' : 'Write a campaign'}</CardTitle>
          <CardDescription>Markdown: **bold**, lists, [links](https://example.com). Links are tracked per reader; every email carries a one-click unsubscribe.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={(e) => void save(e)} className="grid gap-4">
            <Field id="nl-subject" label="Subject">
              <Input id="nl-subject" required maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} />
            </Field>
            <Field id="nl-body" label="Body" hint="Written once; scripts and styles are removed.">
              <Textarea id="nl-body" aria-describedby="nl-body-hint" required maxLength={50000} rows={10} value={body} onChange={(e) => setBody(e.target.value)} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="nl-segment" label="Send to">
                <NativeSelect id="nl-segment" value={segment} onChange={(e) => setSegment(e.target.value as CampaignItem['segment'])}>
                  {Object.entries(SEGMENT_LABELS).map(([k, label]) => (
                    <option key={k} value={k} disabled={(k === 'group' && groups.length === 0) || (k === 'issuer_followers' && issuers.length === 0)}>
                      {label}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              {segment === 'group' && (
                <Field id="nl-group" label="Group">
                  <NativeSelect id="nl-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
              )}
              {segment === 'issuer_followers' && (
                <Field id="nl-issuer" label="Issuer">
                  <NativeSelect id="nl-issuer" value={issuerUserId} onChange={(e) => setIssuerUserId(e.target.value)}>
                    {issuers.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.name}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
              )}
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="outline" onClick={() => void showPreview()} disabled={!subject.trim() || !body.trim()}>
                Preview
              </Button>
              <Button type="submit">{editing ? 'Save the draft' : 'Save as draft'}</Button>
              {editing && (
                <Button type="button" variant="ghost" onClick={reset}>
                  Cancel editing
                </Button>
              )}
            </div>
          </form>
          {preview && (
            <section aria-label="Email preview" className="mt-6 grid gap-2">
              <h3 className="text-base font-semibold">Preview: {preview.subject}</h3>
              <iframe title={`Preview of ${preview.subject}`} sandbox="" srcDoc={preview.html} className="h-[32rem] w-full rounded-md border bg-white" />
            </section>
          )}
        </CardContent>
      </Card>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <h3 className="text-lg font-semibold">Campaigns</h3>
      {list.length === 0 && <p className="text-sm text-muted-foreground">No campaigns yet.</p>}
      <ul className="grid gap-4" aria-label="Campaigns">
        {list.map((c) => (
          <li key={c.id}>
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{c.subject}</CardTitle>
                <CardDescription>
                  {humanize(c.status)} · {SEGMENT_LABELS[c.segment]}
                  {c.segment === 'group' && c.groupId ? ` (${groups.find((g) => g.id === c.groupId)?.name ?? 'group'})` : ''}
                  {c.segment === 'issuer_followers' && c.issuerUserId ? ` (${issuers.find((i) => i.id === c.issuerUserId)?.name ?? 'issuer'})` : ''}
                  {c.status === 'scheduled' && c.scheduledAt ? ` · due ${formatDateTime(c.scheduledAt)}` : ''}
                  {c.sentAt ? ` · sent ${formatDateTime(c.sentAt)}` : ''}
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-3">
                {c.status !== 'draft' && (
                  <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" aria-label={`Statistics of ${c.subject}`}>
                    {(
                      [
                        ['Recipients', String(c.stats.recipients)],
                        ['Delivered', String(c.stats.delivered)],
                        ['Unique clicks', String(c.stats.uniqueClicks)],
                        ['Click rate', percent(c.stats.clickRate)],
                        ['Unsubscribes', String(c.stats.unsubscribes)],
                      ] as const
                    ).map(([k, v]) => (
                      <div key={k}>
                        <dt className="text-muted-foreground">{k}</dt>
                        <dd className="font-semibold tabular-nums">{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                <div className="flex flex-wrap items-end gap-2">
                  {c.status === 'draft' && (
                    <>
                      <Button size="sm" onClick={() => void send(c)}>
                        Send now
                      </Button>
                      <Button size="sm" variant="outline" onClick={() => edit(c)}>
                        Edit
                      </Button>
                      <div className="grid gap-1">
                        <label htmlFor={`nl-at-${c.id}`} className="text-xs font-medium">
                          Schedule for
                        </label>
                        <Input id={`nl-at-${c.id}`} type="datetime-local" className="h-9" value={when[c.id] ?? ''} onChange={(e) => setWhen((cur) => ({ ...cur, [c.id]: e.target.value }))} />
                      </div>
                      <Button size="sm" variant="outline" disabled={!when[c.id]} onClick={() => void send(c, when[c.id])}>
                        Schedule
                      </Button>
                    </>
                  )}
                  {c.status === 'scheduled' && (
                    <Button size="sm" variant="outline" onClick={() => void unschedule(c)}>
                      Take back to draft
                    </Button>
                  )}
                  {c.status !== 'draft' && (
                    <Button size="sm" variant="ghost" onClick={() => void refresh(c)}>
                      Refresh statistics
                    </Button>
                  )}
                </div>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
