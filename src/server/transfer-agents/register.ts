// The holder register of one deal, built in memory from its confirmed investments and the
// corporate actions recorded on it (in recording order), and its reconciliation with the sale's
// contributions on chain. Amounts stay in minor units (bigint) until the view.
import { toTokenUnits } from '../deals/chain-rail';
import type { TransferAgentActionKind } from '../db/types';

export type Lot = { investment_id: string; investor_id: string; email: string; first_name: string; last_name: string; amount: string; wallet_address: string | null; chain_id: string | null; confirmed_at: Date | null; created_at: Date };
export type ActionRow = {
  id: string;
  kind: TransferAgentActionKind;
  holder_id: string;
  holder_email: string;
  holder_first_name: string;
  holder_last_name: string;
  to_holder_id: string | null;
  to_email: string | null;
  to_first_name: string | null;
  to_last_name: string | null;
  amount: string | null;
  consideration: string | null;
  reason: string;
  effective_at: Date;
  recorded_by: string;
  recorded_at: Date;
};
export type Legend = { regime: string; legend: string; stopTransfer: boolean; stopLiftedAt: string | null; stopLiftReason: string | null; recordedAt: string };

export type Position = {
  source: 'investment' | 'transfer_in' | 'transfer_out';
  reference: string;
  amount: bigint;
  at: Date;
  /** What was paid for it (minor units); null where undisclosed (a transfer without consideration). */
  price: bigint | null;
  counterparty: string | null;
  wallet: string | null;
  legend: Legend | null;
};

export type Holder = { holderId: string; email: string; name: string; balance: bigint; frozen: boolean; frozenReason: string | null; firstAcquiredAt: Date | null; positions: Position[] };

export function buildRegister(lots: Lot[], actions: ActionRow[], legends: Map<string, Legend>) {
  const holders = new Map<string, Holder>();
  const holder = (id: string, email: string, first: string, last: string) => {
    let h = holders.get(id);
    if (!h) holders.set(id, (h = { holderId: id, email, name: `${first} ${last}`.trim(), balance: 0n, frozen: false, frozenReason: null, firstAcquiredAt: null, positions: [] }));
    return h;
  };
  const acquire = (h: Holder, at: Date) => {
    if (!h.firstAcquiredAt || at < h.firstAcquiredAt) h.firstAcquiredAt = at;
  };
  let confirmed = 0n;
  for (const l of lots) {
    const h = holder(l.investor_id, l.email, l.first_name, l.last_name);
    const amount = BigInt(l.amount);
    const at = l.confirmed_at ?? l.created_at;
    confirmed += amount;
    h.balance += amount;
    acquire(h, at);
    h.positions.push({ source: 'investment', reference: l.investment_id, amount, at, price: amount, counterparty: null, wallet: l.wallet_address, legend: legends.get(l.investment_id) ?? null });
  }
  for (const a of actions) {
    const h = holder(a.holder_id, a.holder_email, a.holder_first_name, a.holder_last_name);
    if (a.kind === 'freeze') {
      h.frozen = true;
      h.frozenReason = a.reason;
    } else if (a.kind === 'unfreeze') {
      h.frozen = false;
      h.frozenReason = null;
    } else {
      const amount = BigInt(a.amount!);
      const price = a.consideration === null ? null : BigInt(a.consideration);
      const to = holder(a.to_holder_id!, a.to_email!, a.to_first_name!, a.to_last_name!);
      h.balance -= amount;
      h.positions.push({ source: 'transfer_out', reference: a.id, amount: -amount, at: a.effective_at, price, counterparty: to.holderId, wallet: null, legend: null });
      to.balance += amount;
      acquire(to, a.effective_at);
      to.positions.push({ source: 'transfer_in', reference: a.id, amount, at: a.effective_at, price, counterparty: h.holderId, wallet: null, legend: null });
    }
  }
  const list = [...holders.values()].sort((x, y) => (y.balance > x.balance ? 1 : y.balance < x.balance ? -1 : x.holderId.localeCompare(y.holderId)));
  const held = list.reduce((s, h) => s + h.balance, 0n);
  return { holders: list, confirmed, held };
}

export type Reconciliation = {
  status: 'not_on_chain' | 'reconciled' | 'mismatch';
  wallets: { wallet: string; expected: bigint; onChain: bigint; holderIds: string[] }[];
};

/**
 * The register's investments on the sale's chain against the contributions the indexer read from
 * the sale: per wallet, confirmed investments (converted to payment-token base units) must equal
 * the wallet's contribution. A wallet with an on-chain contribution and no confirmed investment is
 * a mismatch too. Off-chain transfers move no tokens and are not part of this comparison.
 */
export function reconcile(lots: Lot[], chainId: number | null, currencyDecimals: number, onChain: Map<string, bigint> | null): Reconciliation {
  if (chainId === null || onChain === null) return { status: 'not_on_chain', wallets: [] };
  const expected = new Map<string, { amount: bigint; holders: Set<string> }>();
  for (const l of lots) {
    if (l.chain_id === null || Number(l.chain_id) !== chainId || !l.wallet_address) continue;
    const w = l.wallet_address.toLowerCase();
    const e = expected.get(w) ?? { amount: 0n, holders: new Set<string>() };
    e.amount += toTokenUnits(l.amount, currencyDecimals);
    e.holders.add(l.investor_id);
    expected.set(w, e);
  }
  const wallets = [...new Set([...expected.keys(), ...[...onChain.entries()].filter(([, v]) => v > 0n).map(([k]) => k)])].sort().map((wallet) => ({
    wallet,
    expected: expected.get(wallet)?.amount ?? 0n,
    onChain: onChain.get(wallet) ?? 0n,
    holderIds: [...(expected.get(wallet)?.holders ?? [])].sort(),
  }));
  return { status: wallets.every((w) => w.expected === w.onChain) ? 'reconciled' : 'mismatch', wallets };
}
