import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { listChecks } from './repo';
import type { ChecksQuery } from './schema';

/** GET /api/compliance/checks?dealId=&userId=: why each investment was allowed or blocked, rule by rule with its inputs. */
export async function listComplianceChecks(tenant: TenantContext, reviewer: Principal, q: ChecksQuery, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const rows = await listChecks(t, q);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'compliance.checks_listed', metadata: { dealId: q.dealId ?? null, userId: q.userId ?? null, count: rows.length } }, meta);
    return {
      checks: rows.map((c) => ({
        id: c.id,
        userId: c.user_id,
        dealId: c.deal_id,
        investmentId: c.investment_id,
        amount: fromMinorUnits(c.amount, c.currency_decimals),
        currency: c.currency,
        outcome: c.outcome,
        blockingRule: c.blocking_rule,
        code: c.code,
        investorAccredited: c.investor_accredited,
        rules: c.rules,
        engineVersion: c.engine_version,
        createdAt: c.created_at.toISOString(),
      })),
    };
  });
}
