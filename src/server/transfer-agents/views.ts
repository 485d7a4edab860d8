import { fromMinorUnits } from '../money';
import type { ActionRow, Holder, Reconciliation } from './register';
import type { TransferAgentRow } from './repo';

export function agentView(a: TransferAgentRow) {
  return {
    id: a.id,
    userId: a.user_id,
    email: a.email,
    displayName: a.display_name,
    status: a.status,
    registrationNumber: a.registration_number,
    registrationJurisdiction: a.registration_jurisdiction,
    contactEmail: a.contact_email,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}

/** A share of the total as a percentage with two decimals, rounded down ("12.34"). */
function percentOf(part: bigint, total: bigint): string {
  if (total <= 0n || part <= 0n) return '0.00';
  return fromMinorUnits((part * 10_000n) / total, 2);
}

export function holderView(h: Holder, total: bigint, decimals: number) {
  const costBasis = h.positions.reduce((s, p) => (p.source === 'transfer_out' || p.price === null ? s : s + p.price), 0n);
  const restrictions = [
    ...h.positions
      .filter((p) => p.legend)
      .map((p) => ({
        kind: 'legend' as const,
        investmentId: p.reference,
        regime: p.legend!.regime,
        stopTransfer: p.legend!.stopTransfer,
        stopLiftedAt: p.legend!.stopLiftedAt,
        legend: p.legend!.legend,
        summary: `${p.legend!.regime} legend (Rule 144 restricted)${p.legend!.stopTransfer ? ', stop-transfer in force' : `, stop-transfer lifted ${p.legend!.stopLiftedAt?.slice(0, 10) ?? ''}`}`,
      })),
    ...(h.frozen ? [{ kind: 'frozen' as const, investmentId: null, regime: null, stopTransfer: true, stopLiftedAt: null, legend: null, summary: `frozen: ${h.frozenReason ?? ''}` }] : []),
  ];
  return {
    holderId: h.holderId,
    name: h.name,
    email: h.email,
    amount: fromMinorUnits(h.balance, decimals),
    percent: percentOf(h.balance, total),
    firstAcquiredAt: h.firstAcquiredAt?.toISOString() ?? null,
    costBasis: fromMinorUnits(costBasis, decimals),
    frozen: h.frozen,
    restrictions,
    positions: h.positions.map((p) => ({
      source: p.source,
      reference: p.reference,
      amount: fromMinorUnits(p.amount, decimals),
      at: p.at.toISOString(),
      price: p.price === null ? null : fromMinorUnits(p.price, decimals),
      counterparty: p.counterparty,
      wallet: p.wallet,
    })),
  };
}

export function actionView(a: ActionRow, decimals: number) {
  return {
    id: a.id,
    kind: a.kind,
    holderId: a.holder_id,
    holderEmail: a.holder_email,
    toHolderId: a.to_holder_id,
    toHolderEmail: a.to_email,
    amount: a.amount === null ? null : fromMinorUnits(a.amount, decimals),
    consideration: a.consideration === null ? null : fromMinorUnits(a.consideration, decimals),
    reason: a.reason,
    effectiveAt: a.effective_at.toISOString(),
    recordedBy: a.recorded_by,
    recordedAt: a.recorded_at.toISOString(),
  };
}

export function reconciliationView(r: Reconciliation, indexedBlock: string | null) {
  return {
    status: r.status,
    indexedBlock,
    wallets: r.wallets.map((w) => ({ wallet: w.wallet, expected: w.expected.toString(), onChain: w.onChain.toString(), matches: w.expected === w.onChain, holderIds: w.holderIds })),
  };
}
