'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { api, errorMessage } from './api-client';
import { buttonClass } from './primitives/button-classes';

// Deleting one's own comment, or removing someone else's as the deal's issuer or an admin
// (moderation): a button, then an inline confirmation that takes the focus, then the API.

export function CommentDelete({ dealId, commentId, moderation }: { dealId: string; commentId: string; moderation: boolean }) {
  const router = useRouter();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const noun = moderation ? 'Remove' : 'Delete';

  if (!confirming)
    return (
      <button
        ref={triggerRef}
        type="button"
        className="text-xs font-medium text-muted-foreground underline-offset-4 hover:text-danger hover:underline"
        onClick={() => {
          setConfirming(true);
          requestAnimationFrame(() => confirmRef.current?.focus());
        }}
      >
        {noun} comment
      </button>
    );

  return (
    <div role="group" aria-labelledby={`${id}-q`} className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-danger/40 bg-danger-soft p-2">
      <p id={`${id}-q`} className="text-xs font-medium">
        {moderation ? 'Remove this comment for everyone? Its text will be replaced by [deleted].' : 'Delete your comment? Its text will be replaced by [deleted].'}
      </p>
      <button
        ref={confirmRef}
        type="button"
        disabled={busy}
        className={buttonClass('destructive', 'sm')}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api(`/api/deals/${dealId}/comments/${commentId}`, { method: 'DELETE' });
            setConfirming(false);
            startTransition(() => router.refresh());
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Removing…' : `Yes, ${noun.toLowerCase()}`}
      </button>
      <button
        type="button"
        className={buttonClass('outline', 'sm')}
        onClick={() => {
          setConfirming(false);
          requestAnimationFrame(() => triggerRef.current?.focus());
        }}
      >
        Cancel
      </button>
      {error && (
        <p role="alert" className="w-full text-xs font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
