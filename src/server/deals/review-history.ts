import { findUserById } from '../auth/repo';
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { DealReviewAction } from '../db/types';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { dealApprovedEmail, dealRejectedEmail, queueEmail } from '../notifications/email';
import type { TenantContext } from '../tenancy/resolve';
import { findDeal, insertReviewEvent, listReviewEvents, type DealRow } from './repo';
import type { DealAction } from './workflow';

// A deal's review is a conversation between its issuer and the tenant's reviewers: every step
// is kept (who, when, decision, reason) and both sides read the same history.

const REVIEW_ACTIONS: readonly DealAction[] = ['submit', 'withdraw', 'approve', 'reject'];

/** The reviewers of a tenant's deals, who read any deal's history. */
const REVIEWER_ROLES = ['tenant_admin', 'compliance_officer'] as const;

/**
 * Records a review step in the transaction that moved the deal, and tells the issuer of a
 * decision by email (outbox: the mail commits or rolls back with the decision).
 */
export async function recordReviewStep(t: TenantTx, tenant: TenantContext, deal: DealRow, step: { action: DealAction; actorId: string; reason: string | null; at: Date }) {
  if (!REVIEW_ACTIONS.includes(step.action)) return;
  const action = step.action as DealReviewAction;
  await insertReviewEvent(t, { id: uuidv7(), dealId: deal.id, action, actorId: step.actorId, reason: step.reason, at: step.at });
  if (action !== 'approve' && action !== 'reject') return;
  const issuer = await findUserById(t, deal.issuer_user_id);
  if (!issuer) return;
  const path = `/issuer/deals/${deal.id}`;
  const link = tenant.domain ? `https://${tenant.domain}${path}` : path;
  await queueEmail(t, action === 'reject' ? dealRejectedEmail(issuer.email, tenant.name, deal, step.reason ?? '', link) : dealApprovedEmail(issuer.email, tenant.name, deal, link));
}

export type ReviewStep = { id: string; action: DealReviewAction; reason: string | null; at: string; by: { id: string; name: string } };

/** The history of a deal's review for its issuer and the tenant's reviewers; 404 for anyone else. */
export async function dealReviewHistory(tenant: TenantContext, p: Principal, dealId: string): Promise<{ dealId: string; status: string; reviewReason: string | null; steps: ReviewStep[] }> {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal || (deal.issuer_user_id !== p.userId && !hasRole(p, REVIEWER_ROLES))) throw new NotFound('Deal not found');
    const rows = await listReviewEvents(t, deal.id);
    return {
      dealId: deal.id,
      status: deal.status,
      reviewReason: deal.status === 'draft' ? deal.review_reason : null,
      steps: rows.map((r) => ({ id: r.id, action: r.action, reason: r.reason, at: r.created_at.toISOString(), by: { id: r.actor_id, name: `${r.first_name} ${r.last_name}`.trim() } })),
    };
  });
}
