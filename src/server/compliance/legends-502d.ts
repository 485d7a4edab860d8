import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { boughtUnderRegS, confirmedRegDWithoutLegend, findLegendForUpdate, insertLegend, legendsOfDeal, legendsOfInvestor, liftStopTransfer } from './repo-legends';
import { storedDealCompliance } from './schema';

// Rule 502(d) (17 CFR 230.502(d)): securities sold under Regulation D are restricted. Besides the
// written disclosure (delivered with the 502(b) package), the issuer's reasonable care includes a
// legend on the securities (502(d)(2)) and stop-transfer instructions. Each Reg D holding gets its
// legend when the sale is confirmed; the stop-transfer flag holds every transfer of it
// (transfer-gates.ts `stopTransferGate`) until a compliance officer lifts it with the reason.

export function legendText(regime: 'reg_d_506b' | 'reg_d_506c'): string {
  return (
    'THE SECURITIES REPRESENTED HEREBY HAVE NOT BEEN REGISTERED UNDER THE SECURITIES ACT OF 1933, AS AMENDED (THE "ACT"), ' +
    `OR THE SECURITIES LAWS OF ANY STATE, AND WERE SOLD IN RELIANCE ON RULE ${regime === 'reg_d_506b' ? '506(b)' : '506(c)'} OF REGULATION D. ` +
    'THEY ARE "RESTRICTED SECURITIES" AND MAY NOT BE OFFERED, SOLD, PLEDGED OR OTHERWISE TRANSFERRED EXCEPT UNDER AN EFFECTIVE REGISTRATION ' +
    'STATEMENT UNDER THE ACT OR AN EXEMPTION FROM ITS REGISTRATION REQUIREMENTS (SUCH AS RULE 144) AND IN COMPLIANCE WITH APPLICABLE STATE ' +
    'SECURITIES LAWS. STOP-TRANSFER INSTRUCTIONS HAVE BEEN ISSUED FOR THESE SECURITIES (17 CFR 230.502(d)).'
  );
}

/** At the sale (confirmation) of a Reg D holding bought in the U.S. tranche: its legend and stop-transfer flag, once. */
export async function recordLegendOnSale(t: TenantTx, inv: { id: string; deal_id: string; investor_id: string }, deal: { compliance: unknown }, now: Date): Promise<void> {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  if (!c.success) return;
  const regime = c.data.regimes.find((r): r is 'reg_d_506b' | 'reg_d_506c' => r === 'reg_d_506b' || r === 'reg_d_506c');
  if (!regime) return;
  if (c.data.regimes.includes('reg_s') && (await boughtUnderRegS(t, inv.id))) return;
  await insertLegend(t, { investmentId: inv.id, dealId: inv.deal_id, investorId: inv.investor_id, regime, legend: legendText(regime), at: now });
}

/** The compliance sweep: legends for Reg D holdings confirmed before legends were written (idempotent). */
export async function backfillLegends(t: TenantTx, now: Date, limit = 200): Promise<number> {
  const rows = await confirmedRegDWithoutLegend(t, limit);
  for (const r of rows) await recordLegendOnSale(t, r, r, now);
  return rows.length;
}

/** The investor's legends by investment, for the portfolio. */
export async function restrictionsOfInvestor(t: TenantTx, investorId: string) {
  const rows = await legendsOfInvestor(t, investorId);
  return new Map(
    rows.map((r) => [
      r.investment_id,
      { regime: r.regime, legend: r.legend, stopTransfer: r.stop_transfer, stopLiftedAt: r.stop_lifted_at?.toISOString() ?? null, stopLiftReason: r.stop_lift_reason, recordedAt: r.recorded_at.toISOString() },
    ]),
  );
}

/** Every legend of a deal's holdings by investment, for the transfer agent's register. */
export async function restrictionsOfDeal(t: TenantTx, dealId: string) {
  const rows = await legendsOfDeal(t, dealId);
  return new Map(
    rows.map((r) => [
      r.investment_id,
      { regime: r.regime, legend: r.legend, stopTransfer: r.stop_transfer, stopLiftedAt: r.stop_lifted_at?.toISOString() ?? null, stopLiftReason: r.stop_lift_reason, recordedAt: r.recorded_at.toISOString() },
    ]),
  );
}

/** POST /api/compliance/holdings/[id]/stop-transfer: a compliance officer lifts the stop-transfer instruction of a holding (by investment id). */
export async function liftHoldingStopTransfer(tenant: TenantContext, p: Principal, investmentId: string, reason: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const legend = await findLegendForUpdate(t, investmentId);
    if (!legend) throw new NotFound('No restricted holding with that id');
    if (!legend.stop_transfer) throw new Conflict('stop_transfer_already_lifted', `The stop-transfer instruction was lifted on ${legend.stop_lifted_at?.toISOString() ?? 'an earlier day'}`);
    const now = new Date();
    await liftStopTransfer(t, investmentId, p.userId, reason, now);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.stop_transfer_lifted', targetType: 'investment', targetId: investmentId, metadata: { dealId: legend.deal_id, investorId: legend.investor_id, reason } }, meta);
    return { investmentId, legend: legend.legend, stopTransfer: false, stopLiftedAt: now.toISOString(), stopLiftReason: reason };
  });
}
