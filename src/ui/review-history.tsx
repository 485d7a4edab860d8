import type { ReviewStep } from '@/server/deals/review-history';
import { formatDateTime } from './format';
import { StatusBadge } from './status-badge';

const STEP: Record<ReviewStep['action'], { status: string; text: string }> = {
  submit: { status: 'pending_review', text: 'Submitted for review' },
  withdraw: { status: 'draft', text: 'Withdrawn to draft' },
  approve: { status: 'approved', text: 'Approved' },
  reject: { status: 'rejected', text: 'Sent back for changes' },
};

/** Who did what to the deal's review, when and why: the same list for the issuer and the reviewers. */
export function ReviewHistory({ steps }: { steps: ReviewStep[] }) {
  if (steps.length === 0) return <p className="text-sm text-muted-foreground">Not submitted for review yet.</p>;
  return (
    <ol className="grid gap-3" data-testid="review-history">
      {[...steps].reverse().map((s) => (
        <li key={s.id} className="grid gap-1 border-l-2 border-border pl-3" data-testid="review-step">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={STEP[s.action].status} label={STEP[s.action].text} />
            <span className="text-xs text-muted-foreground">
              {s.by.name} · <time dateTime={s.at}>{formatDateTime(s.at)}</time>
            </span>
          </div>
          {s.reason && <p className="text-sm break-words">{s.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
