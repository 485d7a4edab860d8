import { Star } from 'lucide-react';
import { cn } from './cn';
import { formatDate } from './format';

// Investor reviews of a deal, server-rendered: the list with each rating drawn as stars and
// read out as "Rated n out of 5". Writing and changing one's own review is a client island
// (review-form.tsx) that the deal page loads only for investors.

export type DealReview = { id: string; rating: number; body: string; author: { id: string; name: string }; createdAt: string; updatedAt: string };

export function Stars({ rating, className }: { rating: number; className?: string }) {
  return (
    <span role="img" aria-label={`Rated ${rating} out of 5`} className={cn('inline-flex gap-0.5', className)}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Star key={n} className={cn('size-4', n <= rating ? 'fill-current text-warning' : 'text-muted-foreground')} aria-hidden />
      ))}
    </span>
  );
}

export function DealReviewList({ reviews, viewerId }: { reviews: DealReview[]; viewerId: string | null }) {
  if (reviews.length === 0) return null;
  return (
    <ul className="mt-4 space-y-3" aria-label="Reviews">
      {reviews.map((r) => (
        <li key={r.id} className="rounded-brand border border-border bg-card p-4" data-testid="review">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Stars rating={r.rating} />
            <span className="font-medium">{r.author.name}</span>
            {r.author.id === viewerId && <span className="rounded-full bg-primary-soft px-2 py-0.5 text-xs font-medium text-primary-text">Your review</span>}
            <time className="text-xs text-muted-foreground" dateTime={r.updatedAt}>
              {formatDate(r.updatedAt)}
              {r.updatedAt !== r.createdAt && ' (edited)'}
            </time>
          </div>
          {r.body && <p className="mt-2 whitespace-pre-line text-sm">{r.body}</p>}
        </li>
      ))}
    </ul>
  );
}
