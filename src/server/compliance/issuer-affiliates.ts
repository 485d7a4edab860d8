import { sql } from 'kysely';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { NotFound, ValidationError } from '../errors';
import { LIVE_STATUSES } from '../investments/lifecycle';
import type { TenantContext } from '../tenancy/resolve';

// Affiliated issuers (controlled by or under common control with each other): Regulation
// Crowdfunding's $5,000,000 per 12 months counts their Reg CF sales together (227.100(a)(1)).

/** The issuer and its recorded affiliates, sorted (the order locks are taken in). */
export async function issuerGroupOf(t: TenantTx, issuerId: string): Promise<string[]> {
  const rows = await t.tx.selectFrom('issuer_affiliates').select('affiliate_issuer_id').where('tenant_id', '=', t.tenantId).where('issuer_id', '=', issuerId).execute();
  return [issuerId, ...rows.map((r) => r.affiliate_issuer_id)].sort();
}

/** Live investments since `since` in the Reg CF deals of these issuers, per currency. */
export function regCfSalesOf(t: TenantTx, issuerIds: string[], since: Date) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['i.currency', 'i.currency_decimals', sql<string>`sum(i.amount)`.as('amount')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('d.issuer_id', 'in', issuerIds)
    .where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_cf'`)
    .where('i.status', 'in', LIVE_STATUSES)
    .where('i.created_at', '>', since)
    .groupBy(['i.currency', 'i.currency_decimals'])
    .execute();
}

/** POST /api/admin/issuers/[id]/affiliates: a tenant admin records that two issuers are affiliated (both ways, idempotent). */
export async function recordAffiliate(tenant: TenantContext, admin: Principal, issuerId: string, affiliateIssuerId: string, meta: RequestMeta) {
  if (issuerId === affiliateIssuerId) throw new ValidationError([{ field: 'affiliateIssuerId', message: 'must be another issuer' }]);
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const found = await t.tx.selectFrom('issuers').select('id').where('tenant_id', '=', t.tenantId).where('id', 'in', [issuerId, affiliateIssuerId]).execute();
    if (!found.some((f) => f.id === issuerId)) throw new NotFound('Issuer not found');
    if (!found.some((f) => f.id === affiliateIssuerId)) throw new ValidationError([{ field: 'affiliateIssuerId', message: 'is not an issuer of this platform' }]);
    await t.tx
      .insertInto('issuer_affiliates')
      .values([
        { tenant_id: t.tenantId, issuer_id: issuerId, affiliate_issuer_id: affiliateIssuerId, recorded_by: admin.userId },
        { tenant_id: t.tenantId, issuer_id: affiliateIssuerId, affiliate_issuer_id: issuerId, recorded_by: admin.userId },
      ])
      .onConflict((oc) => oc.columns(['tenant_id', 'issuer_id', 'affiliate_issuer_id']).doNothing())
      .execute();
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'compliance.issuer_affiliate_recorded', targetType: 'issuer', targetId: issuerId, metadata: { affiliateIssuerId } }, meta);
    return { issuerId, affiliates: (await issuerGroupOf(t, issuerId)).filter((id) => id !== issuerId) };
  });
}

/** GET-like view for the admin page: the issuer, its recorded affiliates and the tenant's other issuers (227.100(a)(1)). */
export async function issuerAffiliatesView(tenant: TenantContext, admin: Principal, issuerId: string) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const issuers = await t.tx
      .selectFrom('issuers as i')
      .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.issuer_id', '=', 'i.id'))
      .select(['i.id', 'p.display_name'])
      .where('i.tenant_id', '=', t.tenantId)
      .orderBy('p.display_name')
      .execute();
    const issuer = issuers.find((i) => i.id === issuerId);
    if (!issuer) throw new NotFound('Issuer not found');
    const group = new Set(await issuerGroupOf(t, issuerId));
    const named = (i: { id: string; display_name: string }) => ({ id: i.id, name: i.display_name });
    return {
      issuer: named(issuer),
      affiliates: issuers.filter((i) => i.id !== issuerId && group.has(i.id)).map(named),
      others: issuers.filter((i) => !group.has(i.id)).map(named),
    };
  });
}
