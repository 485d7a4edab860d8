import type { Principal } from '../auth/principal';
import { restrictionsOfInvestor } from '../compliance/service';
import { withTenant } from '../db/tenant';
import { explorerTxUrl } from '../chain/explorer';
import { escrowHoldings } from '../escrow/service';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { LIVE_STATUSES } from './lifecycle';
import { listInvestorEvents, listInvestorInvestments } from './repo';

/** Positions per deal, each investment with its state, totals per currency, and history. */
export async function portfolio(tenant: TenantContext, p: Principal) {
  const [rows, events, escrows, restrictions] = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const [investments, history, restricted] = await Promise.all([listInvestorInvestments(t, p.userId), listInvestorEvents(t, p.userId, 100), restrictionsOfInvestor(t, p.userId)]);
    return [investments, history, await escrowHoldings(t, investments.map((i) => i.id)), restricted] as const;
  });
  const positions = new Map<string, { dealId: string; dealTitle: string; dealSlug: string; dealStatus: string; assetType: string; currency: string; decimals: number; confirmed: bigint; pending: bigint; investments: unknown[] }>();
  const totals = new Map<string, { currency: string; decimals: number; confirmed: bigint; pending: bigint }>();
  for (const r of rows) {
    const amount = BigInt(r.amount);
    const live = LIVE_STATUSES.includes(r.status);
    const confirmed = r.status === 'confirmed' ? amount : 0n;
    const pending = live && r.status !== 'confirmed' ? amount : 0n;
    const pos = positions.get(r.deal_id) ?? { dealId: r.deal_id, dealTitle: r.deal_title, dealSlug: r.deal_slug, dealStatus: r.deal_status, assetType: r.asset_type, currency: r.currency, decimals: r.currency_decimals, confirmed: 0n, pending: 0n, investments: [] };
    pos.confirmed += confirmed;
    pos.pending += pending;
    pos.investments.push({
      id: r.id,
      amount: fromMinorUnits(r.amount, r.currency_decimals),
      status: r.status,
      paymentMethod: r.payment_method,
      walletAddress: r.wallet_address,
      transactionHash: r.transaction_hash,
      transactionUrl: explorerTxUrl(r.chain_id, r.transaction_hash),
      chainId: r.chain_id === null ? null : Number(r.chain_id),
      escrowAddress: r.escrow_address,
      // The escrow holding this money (on chain: its contract, deadlines and tx hashes), or null.
      escrow: escrows.get(r.id) ?? null,
      createdAt: r.created_at.toISOString(),
      confirmedAt: r.confirmed_at?.toISOString() ?? null,
      // 230.502(d): the restricted-securities legend and stop-transfer instruction of a Reg D holding.
      restriction: restrictions.get(r.id) ?? null,
    });
    positions.set(r.deal_id, pos);
    const key = `${r.currency}:${r.currency_decimals}`;
    const tot = totals.get(key) ?? { currency: r.currency, decimals: r.currency_decimals, confirmed: 0n, pending: 0n };
    tot.confirmed += confirmed;
    tot.pending += pending;
    totals.set(key, tot);
  }
  return {
    positions: [...positions.values()].map(({ decimals, confirmed, pending, ...rest }) => ({
      ...rest,
      confirmed: fromMinorUnits(confirmed, decimals),
      pending: fromMinorUnits(pending, decimals),
    })),
    totals: [...totals.values()].map((t) => ({ currency: t.currency, confirmed: fromMinorUnits(t.confirmed, t.decimals), pending: fromMinorUnits(t.pending, t.decimals) })),
    history: events.map((e) => ({ investmentId: e.investment_id, dealId: e.deal_id, from: e.from_status, to: e.to_status, reason: e.reason, at: e.created_at.toISOString() })),
  };
}
