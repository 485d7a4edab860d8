import { statusLabel } from './status-labels';
import { Badge } from './primitives/badge';

type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const TONE: Record<string, Tone> = {
  draft: 'neutral',
  pending_review: 'warning',
  active: 'success',
  funded: 'brand',
  closed: 'neutral',
  completed: 'brand',
  cancelled: 'danger',
  archived: 'neutral',
  pending_kyc: 'warning',
  pending_payment: 'warning',
  in_escrow: 'brand',
  confirmed: 'success',
  refunded: 'neutral',
  pending: 'warning',
  verified: 'success',
  approved: 'success',
  rejected: 'danger',
  suspended: 'danger',
  disabled: 'danger',
  not_started: 'neutral',
};

/** Deal, investment, KYC and account states, each with one colour everywhere. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <Badge tone={TONE[status] ?? 'neutral'} data-status={status}>
      {label ?? statusLabel(status)}
    </Badge>
  );
}
