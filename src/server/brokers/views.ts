import { fromMinorUnits } from '../money';
import type { BrokerRow, CommissionEventRow } from './repo';

export function brokerView(b: BrokerRow, dealIds: string[]) {
  return {
    id: b.id,
    userId: b.user_id,
    email: b.email,
    displayName: b.display_name,
    status: b.status,
    licenceNumber: b.licence_number,
    licenceJurisdiction: b.licence_jurisdiction,
    commissionBps: b.commission_bps,
    allDeals: b.all_deals,
    dealIds,
    createdAt: b.created_at.toISOString(),
    updatedAt: b.updated_at.toISOString(),
  };
}

/** The commission on one investment, in its minor units: amount x bps / 10 000, rounded down (never a float). */
export function commissionOf(amountMinor: bigint, bps: number): bigint {
  return (amountMinor * BigInt(bps)) / 10_000n;
}

/**
 * A period's statement: one credit line per attributed investment confirmed in it, one debit line
 * (the same commission, negative) per attributed investment refunded in it after its confirmation;
 * totals per currency in the currency's minor units, shown as decimal strings.
 */
export function statementOf(b: Pick<BrokerRow, 'id' | 'display_name'>, period: string, from: Date, to: Date, events: CommissionEventRow[]) {
  const totals = new Map<string, { decimals: number; credited: bigint; deducted: bigint }>();
  const lines = events.map((e) => {
    const c = commissionOf(BigInt(e.amount), e.commission_bps);
    const sum = totals.get(e.currency) ?? { decimals: e.currency_decimals, credited: 0n, deducted: 0n };
    if (e.kind === 'confirmed') sum.credited += c;
    else sum.deducted += c;
    totals.set(e.currency, sum);
    return {
      at: e.at.toISOString(),
      kind: e.kind === 'confirmed' ? ('credit' as const) : ('refund' as const),
      investmentId: e.investment_id,
      dealId: e.deal_id,
      dealTitle: e.deal_title,
      investorId: e.investor_id,
      investorEmail: e.email,
      amount: fromMinorUnits(e.amount, e.currency_decimals),
      currency: e.currency,
      commissionBps: e.commission_bps,
      commission: fromMinorUnits(e.kind === 'confirmed' ? c : -c, e.currency_decimals),
    };
  });
  return {
    brokerId: b.id,
    brokerName: b.display_name,
    period,
    from: from.toISOString(),
    to: to.toISOString(),
    lines,
    totals: [...totals.entries()]
      .sort(([a], [b2]) => a.localeCompare(b2))
      .map(([currency, s]) => ({ currency, credited: fromMinorUnits(s.credited, s.decimals), deducted: fromMinorUnits(s.deducted, s.decimals), net: fromMinorUnits(s.credited - s.deducted, s.decimals) })),
  };
}
