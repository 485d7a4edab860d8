import type { TenantTx } from '../db/tenant';
import type { Investment } from '../db/types';
import { recordDealConfirmation, reverseDealConfirmation } from '../deals/capacity';
import { clawBackInvestmentReward, rewardConfirmedInvestment } from '../referrals/service';

// The one place where an investment starts or stops counting as raised, whoever moved it (the
// operator's confirm or refund, the escrow released on chain, a reorganisation that undid it):
// the deal's totals follow, and so does the referral reward of the member who brought the investor.

type Counted = Pick<Investment, 'id' | 'deal_id' | 'investor_id' | 'amount' | 'currency' | 'currency_decimals'>;

export async function countConfirmation(t: TenantTx, inv: Counted, newInvestor: boolean): Promise<void> {
  await recordDealConfirmation(t, inv.deal_id, BigInt(inv.amount), newInvestor);
  await rewardConfirmedInvestment(t, inv);
}

export async function uncountConfirmation(t: TenantTx, inv: Counted, lastOfInvestor: boolean, reason: string): Promise<void> {
  await reverseDealConfirmation(t, inv.deal_id, BigInt(inv.amount), lastOfInvestor);
  await clawBackInvestmentReward(t, inv.id, reason);
}
