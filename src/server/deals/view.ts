import { getChain, isKnownChain } from '../chain/chains';
import { explorerAddressUrl } from '../chain/explorer';
import { fromMinorUnits } from '../money';
import type { DealListRow, DealRow } from './repo';

const money = (v: string | null, d: number) => (v === null ? null : fromMinorUnits(v, d));

/** Percent of target raised, two decimals, computed in integers. */
export function percentOf(raised: string, target: string): string {
  const t = BigInt(target);
  if (t === 0n) return '0.00';
  const basisPoints = (BigInt(raised) * 10_000n) / t;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}`;
}

export function dealSummaryView(d: DealListRow | DealRow) {
  const dec = d.currency_decimals;
  return {
    id: d.id,
    slug: d.slug,
    title: d.title,
    summary: d.summary,
    assetType: d.asset_type,
    status: d.status,
    currency: d.currency,
    currencyDecimals: dec,
    targetAmount: fromMinorUnits(d.target_amount, dec),
    softCap: fromMinorUnits(d.soft_cap, dec),
    hardCap: fromMinorUnits(d.hard_cap, dec),
    minTicket: fromMinorUnits(d.min_ticket, dec),
    maxTicket: money(d.max_ticket, dec),
    valuation: money(d.valuation, dec),
    startsAt: d.starts_at?.toISOString() ?? null,
    endsAt: d.ends_at?.toISOString() ?? null,
    featured: d.featured,
    issuer: { id: d.issuer_id, name: d.issuer_name },
    progress: {
      raised: fromMinorUnits(d.confirmed_amount, dec),
      committed: fromMinorUnits(d.reserved_amount, dec),
      remainingCapacity: fromMinorUnits((BigInt(d.hard_cap) - BigInt(d.reserved_amount)).toString(), dec),
      investors: d.investor_count,
      percent: percentOf(d.confirmed_amount, d.target_amount),
    },
    createdAt: d.created_at.toISOString(),
  };
}

export function dealDetailView(d: DealRow) {
  return {
    ...dealSummaryView(d),
    description: d.description,
    paymentTokenAddress: d.payment_token_address,
    chainId: d.chain_id,
    saleAddress: d.sale_address,
    escrowFactoryAddress: d.escrow_factory_address,
    poolLockAt: d.pool_lock_at?.toISOString() ?? null,
    poolAddress: d.pool_address,
    settlement: settlementOf(d),
    compliance: d.compliance,
    reviewReason: d.review_reason,
    submittedAt: d.submitted_at?.toISOString() ?? null,
    approvedAt: d.approved_at?.toISOString() ?? null,
    updatedAt: d.updated_at.toISOString(),
  };
}

/**
 * How the deal's money moves: on chain (each investment funds an escrow contract; the sale's
 * address and, where the chain has one, an explorer link) or on the fiat rails with the
 * platform's ledger, where nothing is held on chain.
 */
export function settlementOf(d: Pick<DealRow, 'chain_id' | 'sale_address' | 'pool_address' | 'pool_lock_at'>) {
  if (d.chain_id === null) return { rail: 'fiat' as const, chainId: null, chainName: null, confirmations: null, saleAddress: null, explorerUrl: null, pool: null };
  const chain = isKnownChain(d.chain_id) ? getChain(d.chain_id) : null;
  return {
    rail: 'chain' as const,
    chainId: d.chain_id,
    chainName: chain?.name ?? `chain ${d.chain_id}`,
    /** Blocks the platform waits before it counts a funding as final. */
    confirmations: chain?.confirmations ?? 1,
    saleAddress: d.sale_address,
    explorerUrl: explorerAddressUrl(d.chain_id, d.sale_address),
    /** The deal's Pool, when it has one: its address once deployed (null before) and when it locks. */
    pool: d.pool_lock_at ? { address: d.pool_address, lockAt: d.pool_lock_at.toISOString(), explorerUrl: explorerAddressUrl(d.chain_id, d.pool_address) } : null,
  };
}
