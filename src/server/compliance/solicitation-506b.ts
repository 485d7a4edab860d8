import { audit, type RequestMeta } from '../audit/service';
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { findDeal, PUBLIC_STATUSES, type DealRow } from '../deals/repo';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { findUserIdByEmail, insertInvitation, invitationsOf, relationships506b } from './repo-506b';
import { storedDealCompliance, type DealInvitationInput } from './schema';

// No general solicitation in a 506(b) offering (17 CFR 230.502(c)): the deal is shown (list,
// detail, featured, its content) and sold only to investors with a pre-existing substantive
// relationship: verified members who joined before the offering opened, or investors the
// issuer or an admin invited. Staff and the deal's issuer see it; anonymous visitors never do.

/** A deal offered under 506(b); compliance terms that do not parse count as one (hidden rather than solicited). */
export function is506b(deal: { compliance: unknown }): boolean {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  return !c.success || c.data.regimes.includes('reg_d_506b');
}

/** May this (non-staff) viewer be shown this deal? Always, unless it is a 506(b) deal without a relationship. */
export async function mayBeShown506b(t: TenantTx, p: Principal | null, deal: Pick<DealRow, 'id' | 'compliance'>): Promise<boolean> {
  if (!is506b(deal)) return true;
  if (!p) return false;
  const [r] = await relationships506b(t, p.userId, { dealId: deal.id });
  return !!r && (r.invited || r.member_before);
}

/** The published 506(b) deals this viewer has a relationship with (none for a visitor): the listing shows only these of them. */
export async function visible506bDealIds(t: TenantTx, p: Principal | null): Promise<string[]> {
  if (!p) return [];
  const rows = await relationships506b(t, p.userId, { statuses: PUBLIC_STATUSES });
  return rows.filter((r) => r.invited || r.member_before).map((r) => r.id);
}

async function require506bDealOfStaff(t: TenantTx, p: Principal, dealId: string): Promise<DealRow> {
  const deal = await findDeal(t, dealId);
  if (!deal || (deal.issuer_user_id !== p.userId && !hasRole(p, ['tenant_admin', 'compliance_officer']))) throw new NotFound('Deal not found');
  if (!is506b(deal)) throw new Conflict('invitation_not_applicable', 'Invitations are for Rule 506(b) offerings, which may not be generally solicited (17 CFR 230.502(c)); this deal is not one');
  return deal;
}

/** POST /api/deals/[id]/invitations: its issuer, a tenant admin or a compliance officer records a pre-existing relationship with an investor. */
export async function inviteToDeal(tenant: TenantContext, p: Principal, dealId: string, input: DealInvitationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await require506bDealOfStaff(t, p, dealId);
    const user = await findUserIdByEmail(t, input.email);
    if (!user) throw new ValidationError([{ field: 'email', message: 'is not a member of this platform: the investor signs up first' }]);
    const row = await insertInvitation(t, { dealId: deal.id, userId: user.id, invitedBy: p.userId, note: input.note ?? null });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.deal_invitation_recorded', targetType: 'deal', targetId: deal.id, metadata: { userId: user.id, created: row !== null } }, meta);
    return { dealId: deal.id, userId: user.id, email: input.email, created: row !== null };
  });
}

/** GET /api/deals/[id]/invitations: empty, with applicable false, for a deal not under 506(b). */
export async function dealInvitations(tenant: TenantContext, p: Principal, dealId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal || (deal.issuer_user_id !== p.userId && !hasRole(p, ['tenant_admin', 'compliance_officer']))) throw new NotFound('Deal not found');
    if (!is506b(deal)) return { applicable: false, invitations: [] };
    const rows = await invitationsOf(t, deal.id);
    return { applicable: true, invitations: rows.map((r) => ({ userId: r.user_id, email: r.email, invitedBy: r.invited_by, note: r.note, invitedAt: r.invited_at.toISOString() })) };
  });
}
