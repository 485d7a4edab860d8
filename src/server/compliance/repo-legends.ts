import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';

// SQL of the Rule 502(d) legends and stop-transfer flags (0036).

/** Whether the compliance check that let this investment through passed the Regulation S rule (bought in the Reg S tranche). */
export async function boughtUnderRegS(t: TenantTx, investmentId: string): Promise<boolean> {
  const r = await t.tx
    .selectFrom('compliance_checks as c')
    .select(sql<boolean>`coalesce(bool_or(exists (select from jsonb_array_elements(c.rules) r where r->>'rule' = 'reg_s' and r->>'outcome' = 'pass')), false)`.as('reg_s'))
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.investment_id', '=', investmentId)
    .executeTakeFirstOrThrow();
  return r.reg_s;
}

export async function insertLegend(t: TenantTx, r: { investmentId: string; dealId: string; investorId: string; regime: 'reg_d_506b' | 'reg_d_506c'; legend: string; at: Date }) {
  await t.tx
    .insertInto('holding_legends')
    .values({ tenant_id: t.tenantId, investment_id: r.investmentId, deal_id: r.dealId, investor_id: r.investorId, regime: r.regime, legend: r.legend, recorded_at: r.at })
    .onConflict((oc) => oc.columns(['tenant_id', 'investment_id']).doNothing())
    .execute();
}

export function legendsOfInvestor(t: TenantTx, investorId: string) {
  return t.tx
    .selectFrom('holding_legends')
    .select(['investment_id', 'deal_id', 'regime', 'legend', 'stop_transfer', 'stop_lifted_at', 'stop_lift_reason', 'recorded_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('investor_id', '=', investorId)
    .execute();
}

/** The seller's holdings in the deal still under a stop-transfer instruction. */
export async function stopTransfersOf(t: TenantTx, dealId: string, investorId: string): Promise<number> {
  const r = await t.tx
    .selectFrom('holding_legends')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', investorId)
    .where('stop_transfer', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findLegendForUpdate(t: TenantTx, investmentId: string) {
  return t.tx.selectFrom('holding_legends').selectAll().where('tenant_id', '=', t.tenantId).where('investment_id', '=', investmentId).forUpdate().executeTakeFirst();
}

export async function liftStopTransfer(t: TenantTx, investmentId: string, by: string, reason: string, at: Date): Promise<number> {
  const r = await t.tx
    .updateTable('holding_legends')
    .set({ stop_transfer: false, stop_lifted_at: at, stop_lifted_by: by, stop_lift_reason: reason })
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', investmentId)
    .where('stop_transfer', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Confirmed investments in Reg D deals that have no legend yet (confirmed before legends existed): the sweep's backfill. */
export function confirmedRegDWithoutLegend(t: TenantTx, limit: number) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .leftJoin('holding_legends as l', (j) => j.onRef('l.tenant_id', '=', 'i.tenant_id').onRef('l.investment_id', '=', 'i.id'))
    .select(['i.id', 'i.deal_id', 'i.investor_id', 'd.compliance'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.status', '=', 'confirmed')
    .where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ?| array['reg_d_506b', 'reg_d_506c']`)
    .where('l.investment_id', 'is', null)
    .orderBy('i.id')
    .limit(limit)
    .execute();
}

/** Every legend of a deal's holdings (the transfer agent's register shows them per holding). */
export function legendsOfDeal(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('holding_legends')
    .select(['investment_id', 'investor_id', 'regime', 'legend', 'stop_transfer', 'stop_lifted_at', 'stop_lift_reason', 'recorded_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .execute();
}
