'use client';

import { Flag, Heart, Repeat2, UserMinus, UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { api, errorMessage } from './api-client';
import { Field, fieldAria } from './primitives/field';
import { Button } from './primitives/button';
import { NativeSelect, Textarea } from './primitives/input';
import { useSubmit } from './use-submit';

// The feed's client parts: each sends one request to /api/feed/... and re-renders the server page.

const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

function FormMessage({ message, ok }: { message: string | null | undefined; ok?: string | null }) {
  if (message)
    return (
      <p role="alert" className="text-sm font-medium text-danger">
        {message}
      </p>
    );
  if (ok)
    return (
      <p role="status" className="text-sm text-success">
        {ok}
      </p>
    );
  return null;
}

/** One request from a button, then the server page re-rendered; busy and the API's message while it runs or fails. */
function useApiAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (path: string, method: 'PUT' | 'DELETE' | 'POST', json?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api(path, { method, ...(json !== undefined && { json }) });
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const alert = error && (
    <p role="alert" className="text-sm font-medium text-danger">
      {error}
    </p>
  );
  return { busy, run, alert };
}

/** Write a post, optionally linking one of the deals the member can see. */
export function FeedComposer({ deals }: { deals: { id: string; title: string }[] }) {
  const id = useId();
  const [body, setBody] = useState('');
  const s = useSubmit(async (f) => {
    const dealId = text(f, 'dealId');
    await api('/api/feed/posts', { method: 'POST', json: { body: text(f, 'body'), ...(dealId && { dealId }) } });
    setBody('');
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" aria-label="New post">
      <Field id={`${id}-body`} label="Share something with the community" error={s.fieldError('body')}>
        <Textarea name="body" value={body} onChange={(e) => setBody(e.target.value)} required maxLength={5000} rows={3} {...fieldAria(`${id}-body`, s.fieldError('body'))} />
      </Field>
      {deals.length > 0 && (
        <Field id={`${id}-deal`} label="Link a deal (optional)" error={s.fieldError('dealId')}>
          <NativeSelect name="dealId" defaultValue="" {...fieldAria(`${id}-deal`, s.fieldError('dealId'))}>
            <option value="">No deal</option>
            {deals.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      <FormMessage message={s.message} />
      <div>
        <Button type="submit" disabled={s.busy || body.trim() === ''}>
          {s.busy ? 'Posting…' : 'Post'}
        </Button>
      </div>
    </form>
  );
}

/** Like (a toggle), share and report buttons under a post. */
export function PostActions({ postId, liked, likes, shares, canReport }: { postId: string; liked: boolean; likes: number; shares: number; canReport: boolean }) {
  const { busy, run, alert } = useApiAction();
  const [reporting, setReporting] = useState(false);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="ghost" size="sm" aria-pressed={liked} disabled={busy} onClick={() => run(`/api/feed/posts/${postId}/like`, liked ? 'DELETE' : 'PUT')}>
          <Heart aria-hidden className={liked ? 'fill-current text-danger' : undefined} />
          {liked ? 'Liked' : 'Like'} <span aria-label={`${likes} likes`}>({likes})</span>
        </Button>
        <Button type="button" variant="ghost" size="sm" disabled={busy} onClick={() => run(`/api/feed/posts/${postId}/shares`, 'POST', {})}>
          <Repeat2 aria-hidden />
          Share <span aria-label={`${shares} shares`}>({shares})</span>
        </Button>
        {canReport && (
          <Button type="button" variant="ghost" size="sm" aria-expanded={reporting} onClick={() => setReporting((r) => !r)}>
            <Flag aria-hidden />
            Report
          </Button>
        )}
      </div>
      {reporting && <ReportForm postId={postId} onDone={() => setReporting(false)} />}
      {alert}
    </div>
  );
}

function ReportForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const id = useId();
  const s = useSubmit(async (f) => {
    await api(`/api/feed/posts/${postId}/reports`, { method: 'POST', json: { reason: text(f, 'reason') } });
    onDone();
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2" aria-label="Report this post">
      <Field id={`${id}-reason`} label="What is wrong with this post?" error={s.fieldError('reason')}>
        <Textarea name="reason" required minLength={3} maxLength={1000} rows={2} {...fieldAria(`${id}-reason`, s.fieldError('reason'))} />
      </Field>
      <FormMessage message={s.message} />
      <div>
        <Button type="submit" size="sm" variant="outline" disabled={s.busy}>
          Send report
        </Button>
      </div>
    </form>
  );
}

export function PostCommentForm({ postId }: { postId: string }) {
  const id = useId();
  const [body, setBody] = useState('');
  const s = useSubmit(async (f) => {
    await api(`/api/feed/posts/${postId}/comments`, { method: 'POST', json: { body: text(f, 'body') } });
    setBody('');
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2" aria-label="New comment">
      <Field id={`${id}-body`} label="Your comment" error={s.fieldError('body')}>
        <Textarea name="body" value={body} onChange={(e) => setBody(e.target.value)} required maxLength={2000} rows={2} {...fieldAria(`${id}-body`, s.fieldError('body'))} />
      </Field>
      <FormMessage message={s.message} />
      <div>
        <Button type="submit" size="sm" disabled={s.busy || body.trim() === ''}>
          {s.busy ? 'Posting…' : 'Post comment'}
        </Button>
      </div>
    </form>
  );
}

/** Follow / unfollow and block / unblock a member. */
export function MemberActions({ memberId, name, following, blocked }: { memberId: string; name: string; following: boolean; blocked: boolean }) {
  const { busy, run, alert } = useApiAction();
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        {!blocked && (
          <Button type="button" size="sm" variant={following ? 'outline' : 'default'} aria-pressed={following} disabled={busy} onClick={() => run(`/api/feed/members/${memberId}/follow`, following ? 'DELETE' : 'PUT')}>
            {following ? <UserMinus aria-hidden /> : <UserPlus aria-hidden />}
            {following ? `Unfollow ${name}` : `Follow ${name}`}
          </Button>
        )}
        <Button type="button" size="sm" variant="outline" aria-pressed={blocked} disabled={busy} onClick={() => run(`/api/feed/members/${memberId}/block`, blocked ? 'DELETE' : 'PUT')}>
          {blocked ? `Unblock ${name}` : `Block ${name}`}
        </Button>
      </div>
      {alert}
    </div>
  );
}

/** A moderator's decision on a post or a comment; hiding and removing need the reason the author is shown. */
export function ModerationForm({ kind, id: targetId, dismissable }: { kind: 'post' | 'comment'; id: string; dismissable?: boolean }) {
  const id = useId();
  const [action, setAction] = useState('hide');
  const s = useSubmit(async (f) => {
    const a = text(f, 'action');
    await api(`/api/feed/moderation/${kind}s/${targetId}`, { method: 'POST', json: a === 'hide' || a === 'remove' ? { action: a, reason: text(f, 'reason') } : { action: a } });
  }, 'Decision recorded');
  const needsReason = action === 'hide' || action === 'remove';
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2 sm:grid-cols-[10rem_1fr_auto] sm:items-end" aria-label={`Moderate this ${kind}`}>
      <Field id={`${id}-action`} label="Decision">
        <NativeSelect name="action" value={action} onChange={(e) => setAction(e.target.value)} id={`${id}-action`}>
          <option value="hide">Hide</option>
          <option value="remove">Remove</option>
          <option value="restore">Restore</option>
          {dismissable && <option value="dismiss">Dismiss reports</option>}
        </NativeSelect>
      </Field>
      {needsReason ? (
        <Field id={`${id}-reason`} label="Reason (shown to the author)" error={s.fieldError('reason')}>
          <Textarea name="reason" required minLength={3} maxLength={1000} rows={1} className="min-h-10" {...fieldAria(`${id}-reason`, s.fieldError('reason'))} />
        </Field>
      ) : (
        <span />
      )}
      <Button type="submit" size="sm" variant={action === 'remove' ? 'destructive' : 'default'} disabled={s.busy}>
        Apply
      </Button>
      <div className="sm:col-span-3">
        <FormMessage message={s.message} ok={s.ok} />
      </div>
    </form>
  );
}
