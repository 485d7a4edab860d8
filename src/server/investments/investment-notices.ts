import type { TenantTx } from '../db/tenant';
import { findDeal } from '../deals/repo';
import { fromMinorUnits } from '../money';
import { notify } from '../notifications/notify';

// What the investor hears when their investment moves, written in the transaction that moves
// it (the outbox): received when committed, confirmed when the money counts as raised,
// refunded when it goes back. Keyed by investment and outcome, so a replayed move (an indexer
// rewinding and re-applying a block) tells them once.

type Moved = { id: string; deal_id: string; investor_id: string; amount: string | bigint; currency: string; currency_decimals: number };
export type InvestmentNotice = 'received' | 'confirmed' | 'refunded';

const TEXT: Record<InvestmentNotice, (amount: string, deal: string) => { title: string; body: string }> = {
  received: (a, d) => ({ title: `We received your investment in ${d}`, body: `Your commitment of ${a} to ${d} is recorded. We will tell you when it is confirmed.` }),
  confirmed: (a, d) => ({ title: `Your investment in ${d} is confirmed`, body: `Your ${a} investment in ${d} is confirmed and counts towards the raise.` }),
  refunded: (a, d) => ({ title: `Your investment in ${d} was refunded`, body: `Your ${a} investment in ${d} was refunded.` }),
};

export async function tellInvestor(t: TenantTx, inv: Moved, notice: InvestmentNotice, opts: { reason?: string | null; dealTitle?: string } = {}): Promise<void> {
  await tellInvestors(t, [inv], notice, opts);
}

/** Several investments of one deal (a group of invests decided together): one write. */
export async function tellInvestors(t: TenantTx, invs: Moved[], notice: InvestmentNotice, opts: { reason?: string | null; dealTitle?: string } = {}): Promise<void> {
  if (invs.length === 0) return;
  const dealTitle = opts.dealTitle ?? (await findDeal(t, invs[0]!.deal_id))?.title ?? 'the deal';
  const reason = opts.reason;
  await notify(
    t,
    invs.map((inv) => {
      const text = TEXT[notice](`${fromMinorUnits(BigInt(inv.amount), inv.currency_decimals)} ${inv.currency}`, dealTitle);
      return {
        type: `investment.${notice}` as const,
        userId: inv.investor_id,
        title: text.title,
        body: reason && notice === 'refunded' ? `${text.body} Reason: ${reason}` : text.body,
        link: '/portfolio',
        dedupeKey: `investment.${notice}:${inv.id}`,
        data: { investmentId: inv.id, dealId: inv.deal_id, dealTitle, amountMinor: String(inv.amount), currency: inv.currency, decimals: inv.currency_decimals, reason: notice === 'refunded' ? (reason ?? null) : null },
      };
    }),
  );
}
