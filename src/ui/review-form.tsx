'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from './api-client';
import { buttonClass } from './primitives/button-classes';

// An investor's own review of a deal: write it once, then change or delete it. The rating is
// a group of five native radio buttons drawn as stars, so arrow keys, Tab and screen readers
// work as they do for any radio group. Loaded lazily by the deal page, only for investors.

type Mine = { rating: number; body: string } | null;

export function ReviewForm({ dealId, mine }: { dealId: string; mine: Mine }) {
  const router = useRouter();
  const id = useId();
  const [editing, setEditing] = useState(mine === null);
  const [rating, setRating] = useState(mine?.rating ?? 0);
  const [body, setBody] = useState(mine?.body ?? '');
  const [errors, setErrors] = useState<{ rating?: string; body?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const refresh = () => startTransition(() => router.refresh());

  async function save(e: FormEvent) {
    e.preventDefault();
    if (rating < 1) return setErrors({ rating: 'Choose a rating from 1 to 5 stars' });
    setBusy(true);
    setErrors({});
    try {
      await api(`/api/deals/${dealId}/reviews`, { method: mine ? 'PUT' : 'POST', json: { rating, body } });
      setEditing(false);
      refresh();
    } catch (err) {
      if (err instanceof ApiError && (err.field('rating') || err.field('body'))) setErrors({ rating: err.field('rating'), body: err.field('body') });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setErrors({});
    try {
      await api(`/api/deals/${dealId}/reviews`, { method: 'DELETE' });
      setConfirming(false);
      setRating(0);
      setBody('');
      setEditing(true);
      refresh();
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  if (mine && !editing)
    return (
      <div className="mt-4 flex flex-wrap items-center gap-2" data-testid="own-review-actions">
        {confirming ? (
          <div role="group" aria-labelledby={`${id}-confirm`} className="flex flex-wrap items-center gap-2 rounded-brand border border-danger/40 bg-danger-soft p-3">
            <p id={`${id}-confirm`} className="text-sm font-medium">
              Delete your review for good?
            </p>
            <button ref={confirmRef} type="button" className={buttonClass('destructive', 'sm')} disabled={busy} onClick={remove}>
              {busy ? 'Deleting…' : 'Yes, delete review'}
            </button>
            <button type="button" className={buttonClass('outline', 'sm')} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <>
            <button type="button" className={buttonClass('outline', 'sm')} onClick={() => setEditing(true)}>
              Edit your review
            </button>
            <button
              type="button"
              className={buttonClass('ghost', 'sm', 'text-danger')}
              onClick={() => {
                setConfirming(true);
                requestAnimationFrame(() => confirmRef.current?.focus());
              }}
            >
              Delete your review
            </button>
          </>
        )}
        {errors.form && (
          <p role="alert" className="w-full text-xs font-medium text-danger">
            {errors.form}
          </p>
        )}
      </div>
    );

  return (
    <form onSubmit={save} className="mt-4 grid gap-3 rounded-brand border border-border bg-card p-4" aria-label={mine ? 'Change your review' : 'Review this deal'}>
      <fieldset aria-describedby={errors.rating ? `${id}-rating-error` : undefined}>
        <legend className="text-sm font-medium">Your rating</legend>
        <div className="mt-1 flex gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="cursor-pointer rounded-md p-0.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
              title={`${n} ${n === 1 ? 'star' : 'stars'}`}
            >
              <input type="radio" name={`${id}-rating`} value={n} checked={rating === n} onChange={() => setRating(n)} className="sr-only" aria-label={`${n} ${n === 1 ? 'star' : 'stars'}`} />
              <StarIcon filled={n <= rating} />
            </label>
          ))}
        </div>
        {errors.rating && (
          <p id={`${id}-rating-error`} role="alert" className="mt-1 text-xs font-medium text-danger">
            {errors.rating}
          </p>
        )}
      </fieldset>
      <div className="grid gap-1.5">
        <label htmlFor={`${id}-body`} className="text-sm font-medium">
          Your review <span className="font-normal text-muted-foreground">(optional)</span>
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={5000}
          rows={3}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `${id}-body-error` : undefined}
          className="w-full rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        {errors.body && (
          <p id={`${id}-body-error`} role="alert" className="text-xs font-medium text-danger">
            {errors.body}
          </p>
        )}
      </div>
      {errors.form && (
        <p role="alert" className="text-xs font-medium text-danger">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('default', 'sm')} disabled={busy}>
          {busy ? 'Saving…' : mine ? 'Save changes' : 'Post review'}
        </button>
        {mine && (
          <button type="button" className={buttonClass('outline', 'sm')} onClick={() => setEditing(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** lucide's star, inlined: this form is the deal page's only client code that draws icons. */
function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden className={filled ? 'size-7 fill-current text-warning' : 'size-7 fill-none text-muted-foreground'}>
      <path d="M11.525 2.295a.53.53 0 0 1 .95 0l2.31 4.679a2.123 2.123 0 0 0 1.595 1.16l5.166.756a.53.53 0 0 1 .294.904l-3.736 3.638a2.123 2.123 0 0 0-.611 1.878l.882 5.14a.53.53 0 0 1-.771.56l-4.618-2.428a2.122 2.122 0 0 0-1.973 0L6.396 21.01a.53.53 0 0 1-.77-.56l.881-5.139a2.122 2.122 0 0 0-.611-1.879L2.16 9.795a.53.53 0 0 1 .294-.906l5.165-.755a2.122 2.122 0 0 0 1.597-1.16z" />
    </svg>
  );
}
