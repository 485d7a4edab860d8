import { findDeal } from '../deals/repo';
import type { TenantTx } from '../db/tenant';
import { AppError, Conflict, NotFound } from '../errors';
import { accreditationOf, declarationFacts } from './investor-facts';
import { dealTermsOf } from './policy';
import { approvedAccreditations, declarationsOf, profilesOf } from './repo';
import { stopTransfersOf } from './repo-legends';
import { holdingOf } from './repo-transfers';
import { isAccredited, usPerson } from './rules/investor-status';
import { transferDecision, type GateResult } from './transfer-gates';

export type TransferRequest = { dealId: string; sellerId: string; buyerId: string; now?: Date };

/**
 * Inside the market's transaction: may the seller's holding in the deal pass to the buyer now?
 * Runs every transfer gate (transfer-gates.ts) on the stored facts; 404 for an unknown deal,
 * 409 when the seller holds nothing in it.
 */
export async function checkTransfer(t: TenantTx, r: TransferRequest): Promise<{ allowed: boolean; blocking: GateResult | null; results: GateResult[] }> {
  const now = r.now ?? new Date();
  const deal = await findDeal(t, r.dealId);
  if (!deal) throw new NotFound('Deal not found');
  const terms = dealTermsOf(deal);
  const [holding, [declaration], [profile], accreditations, stops] = await Promise.all([
    holdingOf(t, deal.id, r.sellerId),
    declarationsOf(t, [r.buyerId]),
    profilesOf(t, [r.buyerId]),
    approvedAccreditations(t, [r.buyerId]),
    stopTransfersOf(t, deal.id, r.sellerId),
  ]);
  if (!holding.acquired_at) throw new Conflict('transfer_no_holding', 'The seller holds nothing in this deal');
  const buyerDeclaration = declaration ? declarationFacts(declaration) : null;
  const buyerUsPerson = usPerson({ declaration: buyerDeclaration, profileCountry: profile?.country?.trim() || null });
  const buyerAccredited = isAccredited({ accreditations: accreditations.map(accreditationOf), declaration: buyerDeclaration }, now);
  const offeredAt = [deal.starts_at, deal.approved_at].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return transferDecision({
    deal: { regimes: terms.regimes, assetType: terms.assetType, regSCategory: terms.regSCategory, reportingIssuer: terms.reportingIssuer, offeredAt, closedAt: deal.closed_at },
    holding: { underRegS: holding.under_reg_s, acquiredAt: new Date(holding.acquired_at), paidAt: holding.paid_at ? new Date(holding.paid_at) : null, stopTransfer: stops > 0 },
    buyer: { usPerson: buyerUsPerson, accredited: buyerAccredited },
    now,
  });
}

/** A transfer a gate refuses: 403 with the gate's code and its reason in plain words. */
export class TransferBlocked extends AppError {
  constructor(readonly result: GateResult) {
    super(403, result.code, result.reason, { gate: result.gate, allowedFrom: result.allowedFrom });
  }
}

/** For the secondary market: throws TransferBlocked unless every gate allows the transfer. */
export async function requireTransferAllowed(t: TenantTx, r: TransferRequest): Promise<void> {
  const d = await checkTransfer(t, r);
  if (d.blocking) throw new TransferBlocked(d.blocking);
}
