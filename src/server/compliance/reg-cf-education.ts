import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import type { RegCfEducationAcknowledgementInput } from './schema';

// The educational materials every Reg CF investor receives before their first investment
// (17 CFR 227.302(b)) and the acknowledgement they give (227.303(b)(2)). The rule reg_cf_education
// refuses a Reg CF purchase until the current version is acknowledged.

import { REG_CF_EDUCATION_VERSION } from './rules/reg-cf-education';

export { REG_CF_EDUCATION_VERSION };

/** 227.302(b)(1)(i)-(x), in plain words. */
export const REG_CF_EDUCATION_MATERIAL = [
  { id: 'process', title: 'How buying works', text: 'You commit to invest through this platform; your money is held until the issuer reaches its target by the deadline. If it does not, your money is returned.' },
  { id: 'risks', title: 'Risks', text: 'Investing in small companies is risky: you may lose everything you invest. Invest only what you can afford to lose.' },
  { id: 'securities', title: 'What you get', text: 'The securities offered differ by offering (shares, notes, SAFEs and others), with different rights; read the offering statement (Form C).' },
  { id: 'resale', title: 'Resale', text: 'For one year you may transfer the securities only to the issuer, an accredited investor, in a registered offering or to a family member (227.501); there may never be a market for them.' },
  { id: 'limits', title: 'Investment limits', text: 'Unless you are accredited, what you may invest in crowdfunding offerings across all platforms in 12 months is limited by your income and net worth (227.100(a)(2)).' },
  { id: 'cancellation', title: 'Cancelling', text: 'You may cancel a commitment until 48 hours before the offering deadline; after that it is binding unless the offering changes materially (227.304).' },
  { id: 'information', title: 'Information afterwards', text: 'The issuer files an annual report, which may stop in the cases the rules allow (227.202); you may receive little information about your investment.' },
  { id: 'intermediary', title: 'The platform', text: 'The platform may be paid by the issuer; it does not give investment advice.' },
] as const;

const STATEMENTS = ['reviewedMaterials', 'mayLoseEntireInvestment', 'canBearLoss', 'understandsCancellation', 'understandsResaleRestrictions'] as const;

export function currentAcknowledgements(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('investor_acknowledgements')
    .select(['user_id', 'acknowledged_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .where('kind', '=', 'reg_cf_education')
    .where('material_version', '=', REG_CF_EDUCATION_VERSION)
    .execute();
}

/** GET /api/investor/compliance/reg-cf-education: the materials and whether the caller acknowledged this version. */
export async function regCfEducation(tenant: TenantContext, p: Principal) {
  const [row] = await withTenant(tenant.id, { userId: p.userId }, (t) => currentAcknowledgements(t, [p.userId]));
  return { rule: '17 CFR 227.302(b), 227.303(b)(2)', version: REG_CF_EDUCATION_VERSION, material: REG_CF_EDUCATION_MATERIAL, statements: STATEMENTS, acknowledgedAt: row?.acknowledged_at.toISOString() ?? null };
}

/** POST /api/investor/compliance/reg-cf-education: the caller acknowledges this version (idempotent). */
export async function acknowledgeRegCfEducation(tenant: TenantContext, p: Principal, input: RegCfEducationAcknowledgementInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const statements = Object.fromEntries(STATEMENTS.map((s) => [s, input[s]]));
    await t.tx
      .insertInto('investor_acknowledgements')
      .values({ tenant_id: t.tenantId, user_id: p.userId, kind: 'reg_cf_education', material_version: input.version, statements: JSON.stringify(statements) })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind', 'material_version']).doNothing())
      .execute();
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.reg_cf_education_acknowledged', targetType: 'user', targetId: p.userId, metadata: { version: input.version } }, meta);
    const [row] = await currentAcknowledgements(t, [p.userId]);
    return { version: REG_CF_EDUCATION_VERSION, acknowledgedAt: row!.acknowledged_at.toISOString() };
  });
}
