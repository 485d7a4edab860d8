import type { Principal } from '../auth/principal';
import { indexerLag } from '../chain/indexer/lag';
import { withTenant } from '../db/tenant';
import type { InvestmentStatus } from '../db/types';
import { DEAL_STATUSES } from '../deals/schema';
import { percentOf } from '../deals/view';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { countDealsByStatus, countInvestors, investmentTotalsByStatus, moneyPerDay, topDealsByConfirmed } from './repo';
import type { TenantStatsQuery } from './schema';

const INVESTMENT_STATUSES: InvestmentStatus[] = ['pending_kyc', 'pending_payment', 'in_escrow', 'confirmed', 'refunded', 'cancelled'];
const DAY_MS = 86_400_000;
const TOP_DEALS = 10;

/** The last `days` UTC calendar days, today included, as YYYY-MM-DD. */
function utcDays(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

type DayRow = Awaited<ReturnType<typeof moneyPerDay>>[number];

/** One dense series per currency, so charts need no gap filling. */
function seriesPerCurrency(rows: DayRow[], days: string[]) {
  const byCurrency = new Map<string, { decimals: number; byDay: Map<string, DayRow> }>();
  for (const r of rows) {
    const c = byCurrency.get(r.currency) ?? { decimals: r.currency_decimals, byDay: new Map() };
    c.byDay.set(r.day, r);
    byCurrency.set(r.currency, c);
  }
  return [...byCurrency.entries()].map(([currency, c]) => ({
    currency,
    days: days.map((day) => {
      const r = c.byDay.get(day);
      return { day, raised: fromMinorUnits(r?.raised ?? '0', c.decimals), committed: fromMinorUnits(r?.committed ?? '0', c.decimals), investments: r?.investments ?? 0 };
    }),
  }));
}

/** GET /api/admin/stats: what the tenant raised, where, and how fast. */
export async function tenantStats(tenant: TenantContext, admin: Principal, q: TenantStatsQuery) {
  const now = new Date();
  const days = utcDays(q.days, now);
  const since = new Date(`${days[0]}T00:00:00Z`);
  const [[top, dealCounts, investmentTotals, investors, perDay], indexer] = await Promise.all([
    withTenant(tenant.id, { userId: admin.userId }, (t) => Promise.all([topDealsByConfirmed(t, TOP_DEALS), countDealsByStatus(t), investmentTotalsByStatus(t), countInvestors(t), moneyPerDay(t, since)])),
    indexerLag(now),
  ]);

  const dealsByStatus = Object.fromEntries(DEAL_STATUSES.map((s) => [s, dealCounts.find((c) => c.status === s)?.n ?? 0]));
  const investmentsByStatus = Object.fromEntries(
    INVESTMENT_STATUSES.map((s) => {
      const rows = investmentTotals.filter((r) => r.status === s);
      return [s, { count: rows.reduce((n, r) => n + r.n, 0), amounts: rows.map((r) => ({ currency: r.currency, amount: fromMinorUnits(r.amount, r.currency_decimals) })) }];
    }),
  );

  return {
    days: q.days,
    since: since.toISOString(),
    topDeals: top.map((d) => ({
      id: d.id,
      slug: d.slug,
      title: d.title,
      status: d.status,
      issuer: { id: d.issuer_id, name: d.issuer_name },
      currency: d.currency,
      raised: fromMinorUnits(d.confirmed_amount, d.currency_decimals),
      committed: fromMinorUnits(d.reserved_amount, d.currency_decimals),
      target: fromMinorUnits(d.target_amount, d.currency_decimals),
      percent: percentOf(d.confirmed_amount, d.target_amount),
      investors: d.investor_count,
    })),
    raisedPerDay: seriesPerCurrency(perDay, days),
    dealsByStatus,
    investors,
    investmentsByStatus,
    // The chain indexer's lag per chain (platform figures: no tenant data).
    indexer,
  };
}
