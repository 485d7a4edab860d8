import type { KycApplicationStatus } from '../db/types';

// Provider events arrive late, twice and out of order (Sumsub retries for 18 hours). An
// event changes an application only when it is newer than the last one applied; when a
// provider gives no time (ShuftiPro) or two events share one, the status that comes later
// in a verification wins, so a stale 'pending' never overwrites a decision.

const PRECEDENCE: Record<KycApplicationStatus, number> = { draft: 0, submitted: 1, pending: 2, retry: 3, approved: 4, rejected: 4 };

export type OrderingInput = {
  current: KycApplicationStatus;
  lastEventAt: Date | null;
  next: Exclude<KycApplicationStatus, 'draft'>;
  occurredAt: Date | null;
};

export function shouldApply({ current, lastEventAt, next, occurredAt }: OrderingInput): boolean {
  if (occurredAt && lastEventAt) {
    if (occurredAt.getTime() !== lastEventAt.getTime()) return occurredAt > lastEventAt;
  }
  return PRECEDENCE[next] >= PRECEDENCE[current];
}

/** What profiles.kyc_status shows for an application in this status. */
export function profileStatusFor(s: KycApplicationStatus): 'pending' | 'approved' | 'rejected' | 'retry' | null {
  switch (s) {
    case 'draft':
      return null;
    case 'submitted':
    case 'pending':
      return 'pending';
    default:
      return s;
  }
}
