// What investing in an on-chain deal adds to POST /api/deals/{id}/invest: the investor's wallet
// (one they linked), a funding deadline for the reservation, and the instructions their wallet
// follows: approve the EscrowFactory for `amount` of the payment token, then
// EscrowFactory.createEscrow(sale, amount). The approval is the compliance signer's EIP-712
// Eligibility(investor, amount, deadline) that TokenSale.investWithApproval verifies.
import type { Hex } from 'viem';
import { complianceSigner } from '../chain/signers';
import { requireDeployments } from '../chain/network';
import { CHAIN_TOKEN_DECIMALS, toTokenUnits } from '../deals/chain-rail';
import type { DealRow } from '../deals/repo';
import type { TenantTx } from '../db/tenant';
import { Conflict, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { linkedAddresses } from '../wallets/service';
import type { InvestInput } from './schema';

export const DEFAULT_FUNDING_MINUTES = 30;

/** tenant.settings.escrowFundingMinutes (5 minutes to 1 day), default 30. */
export function fundingWindowMs(tenant: TenantContext): number {
  const v = tenant.settings.escrowFundingMinutes;
  const minutes = typeof v === 'number' && Number.isInteger(v) && v >= 5 && v <= 1440 ? v : DEFAULT_FUNDING_MINUTES;
  return minutes * 60_000;
}

export const isOnChain = (deal: DealRow) => deal.chain_id !== null;

/** Off-chain deals keep the old rule: paying in crypto names the wallet it comes from. */
export function requireOffChainWallet(deal: DealRow, input: InvestInput): void {
  if (!isOnChain(deal) && input.paymentMethod === 'crypto' && !input.walletAddress)
    throw new ValidationError([{ field: 'walletAddress', message: 'walletAddress is required for crypto payments' }]);
}

export type OnChainTerms = { chainId: number; walletAddress: string; fundingExpiresAt: Date; sale: string; escrowFactory: string };

/** The checks of an on-chain invest, before anything is written: 4xx naming what is missing. */
export async function onChainTerms(t: TenantTx, tenant: TenantContext, investorId: string, deal: DealRow, input: InvestInput, now: Date): Promise<OnChainTerms> {
  const chainId = Number(deal.chain_id);
  if (input.paymentMethod !== 'crypto')
    throw new ValidationError([{ field: 'paymentMethod', message: `this deal settles on chain ${chainId}: paymentMethod must be crypto (funds go from your wallet into an escrow contract)` }]);
  if (!deal.sale_address || !deal.escrow_factory_address)
    throw new Conflict('deal_not_deployed', "The deal's sale contract is not deployed on chain yet; try again in a minute");
  const linked = await linkedAddresses(t, investorId);
  if (linked.length === 0)
    throw new ValidationError([{ field: 'walletAddress', message: 'link a wallet to your account first (POST /api/wallet/link): on-chain deals are funded from your own wallet' }]);
  let wallet = linked[0]!;
  if (input.walletAddress) {
    wallet = input.walletAddress.toLowerCase();
    if (!linked.includes(wallet)) throw new ValidationError([{ field: 'walletAddress', message: `${input.walletAddress} is not one of the wallets linked to your account` }]);
  }
  return { chainId, walletAddress: wallet, fundingExpiresAt: new Date(now.getTime() + fundingWindowMs(tenant)), sale: deal.sale_address, escrowFactory: deal.escrow_factory_address };
}

export type OnChainInstructions = {
  chainId: number;
  escrowFactory: string;
  sale: string;
  paymentToken: string;
  amount: string;
  decimals: number;
  fundingDeadline: string;
  approval: { approvedAmount: string; deadline: string; signature: Hex };
};

/** The wallet's instructions, with the eligibility approval for the investor's total in this deal. */
export async function onChainInstructions(deal: DealRow, terms: OnChainTerms, amountMinor: bigint, investorTotalMinor: bigint): Promise<OnChainInstructions> {
  const amount = toTokenUnits(amountMinor, deal.currency_decimals);
  const approvedAmount = toTokenUnits(investorTotalMinor, deal.currency_decimals);
  const paymentToken = (deal.payment_token_address ?? requireDeployments(terms.chainId).paymentToken).toLowerCase();
  const deadline = BigInt(Math.floor(terms.fundingExpiresAt.getTime() / 1000));
  const signature = await complianceSigner(terms.chainId).signTypedData({
    domain: { name: 'TokenSale', version: '1', chainId: terms.chainId, verifyingContract: terms.sale as Hex },
    types: { Eligibility: [{ name: 'investor', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Eligibility',
    message: { investor: terms.walletAddress as Hex, amount: approvedAmount, deadline },
  });
  return {
    chainId: terms.chainId,
    escrowFactory: terms.escrowFactory,
    sale: terms.sale,
    paymentToken,
    amount: amount.toString(),
    decimals: CHAIN_TOKEN_DECIMALS,
    fundingDeadline: terms.fundingExpiresAt.toISOString(),
    approval: { approvedAmount: approvedAmount.toString(), deadline: deadline.toString(), signature },
  };
}
