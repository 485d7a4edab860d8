import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { LIVE_STATUSES } from '../investments/lifecycle';

// SQL of the Form D overdue notice (0038, 230.503).

/** Reg D deals with a first sale, no initial Form D recorded and no overdue notice sent yet. */
export function regDDealsAwaitingFormD(t: TenantTx, limit: number) {
  return t.tx
    .selectFrom('deals as d')
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'd.tenant_id').onRef('i.deal_id', '=', 'd.id'))
    .select(['d.id', 'd.title', sql<Date>`min(i.created_at)`.as('first_sale')])
    .where('d.tenant_id', '=', t.tenantId)
    .where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ?| array['reg_d_506b', 'reg_d_506c']`)
    .where('i.status', 'in', LIVE_STATUSES)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('form_d_filings as f').select('f.id').whereRef('f.tenant_id', '=', 'd.tenant_id').whereRef('f.deal_id', '=', 'd.id').where('f.kind', '=', 'initial'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('form_d_overdue_notices as n').select('n.deal_id').whereRef('n.tenant_id', '=', 'd.tenant_id').whereRef('n.deal_id', '=', 'd.id'))))
    .groupBy(['d.id', 'd.title'])
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Records the notice once; false when another sweep recorded it first. */
export async function insertOverdueNotice(t: TenantTx, dealId: string, dueOn: string, recipients: number, at: Date): Promise<boolean> {
  const r = await t.tx
    .insertInto('form_d_overdue_notices')
    .values({ tenant_id: t.tenantId, deal_id: dealId, due_on: dueOn, recipients, notified_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function overdueNoticeOf(t: TenantTx, dealId: string) {
  return t.tx.selectFrom('form_d_overdue_notices').select(['notified_at', 'recipients']).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).executeTakeFirst();
}

/** Active members of the tenant holding a role, for compliance mail. */
/** Active users with the role (ids, ordered by email), who are alerted through notify(). */
export async function recipientsWithRole(t: TenantTx, role: 'compliance_officer' | 'tenant_admin'): Promise<string[]> {
  const rows = await t.tx
    .selectFrom('tenant_user_roles as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .select(['u.id', 'u.email'])
    .distinct()
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.id);
}
