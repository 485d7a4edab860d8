import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { requireOwnDeal } from '../deals/manage-deal';
import type { DealRow } from '../deals/repo';
import { percentOf } from '../deals/view';
import { allocationsOfDeal, type Allocation } from '../investments/allocations';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { toCsv } from './csv';

function investorView(a: Allocation, deal: DealRow) {
  return {
    investorId: a.investor_id,
    name: `${a.first_name} ${a.last_name}`.trim(),
    email: a.email,
    currency: deal.currency,
    confirmed: fromMinorUnits(a.confirmed ?? '0', deal.currency_decimals),
    pending: fromMinorUnits(a.pending ?? '0', deal.currency_decimals),
    investments: a.investments,
    // Confirmed once any money arrived; pending while every investment still waits.
    state: BigInt(a.confirmed ?? '0') > 0n ? ('confirmed' as const) : ('pending' as const),
    kycStatus: a.kyc_status ?? 'not_started',
    verificationLevel: a.verification_level ?? 'none',
    firstInvestmentAt: new Date(a.first_at).toISOString(),
  };
}

/** The issuer's own deal and its investors; any other deal is 404, as if it did not exist. */
async function ownDealAllocations(tenant: TenantContext, p: Principal, dealId: string, onRead?: (t: TenantTx, deal: DealRow, rows: Allocation[]) => Promise<void>) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireOwnDeal(t, p, dealId);
    const rows = await allocationsOfDeal(t, deal.id);
    await onRead?.(t, deal, rows);
    return { deal, rows };
  });
}

/** GET /api/issuer/deals/[id]/investors: confirmed and pending totals per investor. */
export async function listDealInvestors(tenant: TenantContext, p: Principal, dealId: string) {
  const { deal, rows } = await ownDealAllocations(tenant, p, dealId);
  return {
    deal: { id: deal.id, slug: deal.slug, title: deal.title, currency: deal.currency },
    investors: rows.map((r) => investorView(r, deal)),
    totals: {
      investors: rows.length,
      confirmed: fromMinorUnits(rows.reduce((sum, r) => sum + BigInt(r.confirmed ?? '0'), 0n).toString(), deal.currency_decimals),
      pending: fromMinorUnits(rows.reduce((sum, r) => sum + BigInt(r.pending ?? '0'), 0n).toString(), deal.currency_decimals),
    },
  };
}

const CAP_TABLE_HEADER = ['Investor', 'Email', 'Currency', 'Confirmed', 'Pending', 'Investments', 'First investment (UTC)', 'Share of confirmed (%)'];

/** The cap table as CSV; every export is audited, since it hands out investors' personal data. */
export async function exportCapTable(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  const { deal, rows } = await ownDealAllocations(tenant, p, dealId, (t, d, found) =>
    audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.cap_table_exported', targetType: 'deal', targetId: d.id, metadata: { format: 'csv', rows: found.length } }, meta),
  );
  const total = rows.reduce((sum, r) => sum + BigInt(r.confirmed ?? '0'), 0n).toString();
  const body = toCsv(
    CAP_TABLE_HEADER,
    rows.map((r) => {
      const v = investorView(r, deal);
      return [v.name, v.email, v.currency, v.confirmed, v.pending, v.investments, v.firstInvestmentAt, percentOf(r.confirmed ?? '0', total)];
    }),
  );
  return { filename: `${deal.slug}-cap-table.csv`, body };
}
