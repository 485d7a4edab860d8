'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { api, errorMessage } from './api-client';

// The only client JavaScript of a deal's discussion: post, then re-render the server thread.
// Plain elements (no form library, no schema) keep the deal page's first-load JS small; the
// API validates and its message is shown.

export function CommentForm({ dealId, parentId }: { dealId: string; parentId?: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(!parentId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();

  if (!open)
    return (
      <button type="button" className="text-sm font-medium text-primary hover:underline" onClick={() => setOpen(true)}>
        Reply
      </button>
    );

  const label = parentId ? 'Your reply' : 'Ask a question or comment';
  return (
    <form
      className="grid gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await api(`/api/deals/${dealId}/comments`, { method: 'POST', json: parentId ? { body, parentId } : { body } });
          setBody('');
          if (parentId) setOpen(false);
          startTransition(() => router.refresh());
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required
        maxLength={5000}
        rows={parentId ? 2 : 3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-danger">
          {error}
        </p>
      )}
      <div>
        <button
          type="submit"
          disabled={busy || body.trim() === ''}
          className="inline-flex h-9 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-50"
        >
          {busy ? 'Posting…' : parentId ? 'Post reply' : 'Post comment'}
        </button>
      </div>
    </form>
  );
}
