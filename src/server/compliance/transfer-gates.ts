import type { AssetType } from '../db/types';
import { distributionComplianceEndsAt, type RegSCategory } from './reg-s-distribution';

// Gates the secondary market (P2P, order book) must pass before a holding changes hands: pure
// functions of the holding, the deal and the buyer. transfer-check.ts loads them and runs every gate.

export type GateResult = { gate: string; allowed: boolean; code: string; reason: string; allowedFrom: string | null };

export type TransferFacts = {
  deal: { regimes: string[]; assetType: AssetType; regSCategory: RegSCategory | null; reportingIssuer: boolean; offeredAt: Date | null; closedAt: Date | null };
  /** The seller's holding: bought under the deal's Regulation S tranche, and when it was acquired (first live investment). */
  holding: { underRegS: boolean; acquiredAt: Date };
  /** The buyer is a U.S. person; null (unknown, nothing declared) counts as one. */
  buyer: { usPerson: boolean | null };
  now: Date;
};

const pass = (gate: string, code: string, reason: string): GateResult => ({ gate, allowed: true, code, reason, allowedFrom: null });

/**
 * Regulation S distribution compliance period (230.903(b)(2), (b)(3)): securities sold under
 * Regulation S may not be offered or sold to a U.S. person before the period ends, which starts
 * at the later of the first offer and the closing of the offering (not started while the
 * offering is open). Category 1 has none. Sales to non-U.S. persons are not held back here.
 */
export function regSTransferGate(f: TransferFacts): GateResult {
  const GATE = 'reg_s_distribution_compliance';
  if (!f.holding.underRegS || f.deal.regSCategory === null) return pass(GATE, 'not_reg_s', 'Not bought under Regulation S');
  if (f.buyer.usPerson === false) return pass(GATE, 'offshore_buyer', 'The buyer is not a U.S. person');
  if (f.deal.regSCategory === 1) return pass(GATE, 'category_1', 'Category 1: no distribution compliance period (17 CFR 230.903(b)(1))');
  if (!f.deal.closedAt)
    return {
      gate: GATE,
      allowed: false,
      code: 'transfer_reg_s_distribution_period',
      reason: 'Securities bought under Regulation S cannot be sold to a U.S. person (or a buyer who has not declared they are not one) during the distribution compliance period, which has not even started: the offering has not closed (17 CFR 230.903(b))',
      allowedFrom: null,
    };
  const start = f.deal.offeredAt && f.deal.offeredAt > f.deal.closedAt ? f.deal.offeredAt : f.deal.closedAt;
  const security = { category: f.deal.regSCategory, kind: f.deal.assetType === 'debt' ? ('debt' as const) : ('equity' as const), reportingIssuer: f.deal.reportingIssuer };
  const ends = distributionComplianceEndsAt(security, start);
  if (f.now.getTime() < ends.getTime())
    return {
      gate: GATE,
      allowed: false,
      code: 'transfer_reg_s_distribution_period',
      reason: `Securities bought under Regulation S cannot be sold to a U.S. person (or a buyer who has not declared they are not one) before the distribution compliance period ends on ${ends.toISOString().slice(0, 10)} (category ${f.deal.regSCategory}, 17 CFR 230.903(b))`,
      allowedFrom: ends.toISOString(),
    };
  return pass(GATE, 'period_ended', `The distribution compliance period ended on ${ends.toISOString().slice(0, 10)}`);
}

/** Every gate, in the order a refused seller is told about them. */
export const TRANSFER_GATES = [regSTransferGate] as const;

export function transferDecision(f: TransferFacts) {
  const results = TRANSFER_GATES.map((g) => g(f));
  const blocking = results.find((r) => !r.allowed) ?? null;
  return { allowed: blocking === null, blocking, results };
}
