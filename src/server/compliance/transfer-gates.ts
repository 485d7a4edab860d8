import type { AssetType } from '../db/types';
import { distributionComplianceEndsAt, type RegSCategory } from './reg-s-distribution';

// Gates the secondary market (P2P, order book) must pass before a holding changes hands: pure
// functions of the holding, the deal and the buyer. transfer-check.ts loads them and runs every gate.

export type GateResult = { gate: string; allowed: boolean; code: string; reason: string; allowedFrom: string | null };

export type TransferFacts = {
  deal: { regimes: string[]; assetType: AssetType; regSCategory: RegSCategory | null; reportingIssuer: boolean; offeredAt: Date | null; closedAt: Date | null };
  /** The seller's holding: bought under the deal's Regulation S tranche, when it was acquired (first live investment) and first fully paid (null: not yet). */
  holding: { underRegS: boolean; acquiredAt: Date; paidAt: Date | null; stopTransfer?: boolean };
  /** The buyer is a U.S. person (null: unknown, nothing declared, counts as one); accredited now (230.501(a)). */
  buyer: { usPerson: boolean | null; accredited: boolean };
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

const monthsAfter = (from: Date, months: number) => {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/** The holding was bought in the deal's U.S. tranche under one of these regimes. */
const boughtInUsTrancheUnder = (f: TransferFacts, regimes: string[]) => !f.holding.underRegS && f.deal.regimes.some((r) => regimes.includes(r));

/**
 * Rule 144 holding period (230.144(d)(1)): securities bought in a Regulation D offering are
 * restricted (230.502(d)) and are not resold before six months (the issuer has reported under
 * the Exchange Act) or one year (it has not) after they were fully paid for; unpaid, the period
 * has not started.
 */
export function rule144TransferGate(f: TransferFacts): GateResult {
  const GATE = 'rule_144_holding_period';
  if (!boughtInUsTrancheUnder(f, ['reg_d_506b', 'reg_d_506c'])) return pass(GATE, 'not_restricted', 'Not restricted securities of a Regulation D offering');
  const months = f.deal.reportingIssuer ? 6 : 12;
  if (!f.holding.paidAt)
    return { gate: GATE, allowed: false, code: 'transfer_rule_144_holding_period', reason: `Restricted securities from a Regulation D offering can be resold only ${months} months after they were fully paid for (Rule 144(d)(1), 17 CFR 230.144(d)); this holding is not paid yet`, allowedFrom: null };
  const ends = monthsAfter(f.holding.paidAt, months);
  if (f.now.getTime() < ends.getTime())
    return {
      gate: GATE,
      allowed: false,
      code: 'transfer_rule_144_holding_period',
      reason: `Restricted securities from a Regulation D offering cannot be resold before the Rule 144 holding period of ${months} months ends on ${ends.toISOString().slice(0, 10)} (17 CFR 230.144(d)(1))`,
      allowedFrom: ends.toISOString(),
    };
  return pass(GATE, 'period_ended', `The Rule 144 holding period ended on ${ends.toISOString().slice(0, 10)}`);
}

/**
 * Regulation Crowdfunding resale restriction (227.501(a)): for one year from issuance, securities
 * bought under Reg CF pass only to the issuer, an accredited investor, in a registered offering,
 * or to a family member (not modelled here: refused). Issuance: the holding's full payment.
 */
export function regCfTransferGate(f: TransferFacts): GateResult {
  const GATE = 'reg_cf_resale_restriction';
  if (!boughtInUsTrancheUnder(f, ['reg_cf'])) return pass(GATE, 'not_reg_cf', 'Not bought under Regulation Crowdfunding');
  const ends = f.holding.paidAt ? monthsAfter(f.holding.paidAt, 12) : null;
  if (ends && f.now.getTime() >= ends.getTime()) return pass(GATE, 'year_ended', `A year has passed since issuance (${ends.toISOString().slice(0, 10)})`);
  if (f.buyer.accredited) return pass(GATE, 'accredited_buyer', 'The buyer is an accredited investor (17 CFR 227.501(a)(2))');
  return {
    gate: GATE,
    allowed: false,
    code: 'transfer_reg_cf_one_year',
    reason: `Securities bought under Regulation Crowdfunding can be transferred during the first year after issuance only to the issuer, an accredited investor, in a registered offering or to a family member (17 CFR 227.501(a))${ends ? `; the year ends on ${ends.toISOString().slice(0, 10)}` : '; this holding is not issued (paid) yet'}`,
    allowedFrom: ends?.toISOString() ?? null,
  };
}

/**
 * Rule 502(d) stop-transfer instruction (230.502(d)): a Reg D holding carries a legend and a
 * stop-transfer flag from its sale; no transfer while the flag stands, even after the Rule 144
 * period, until a compliance officer lifts it (registration, or an exemption such as Rule 144).
 */
export function stopTransferGate(f: TransferFacts): GateResult {
  const GATE = 'reg_d_stop_transfer';
  if (!f.holding.stopTransfer) return pass(GATE, 'no_stop_transfer', 'No stop-transfer instruction on the holding');
  return {
    gate: GATE,
    allowed: false,
    code: 'transfer_stop_transfer_502d',
    reason: 'This holding carries the Regulation D restricted-securities legend and a stop-transfer instruction (17 CFR 230.502(d)): it cannot be transferred until compliance confirms the resale is registered or exempt (for example under Rule 144) and lifts the instruction',
    allowedFrom: null,
  };
}

/** Every gate, in the order a refused seller is told about them. */
export const TRANSFER_GATES = [regSTransferGate, rule144TransferGate, regCfTransferGate, stopTransferGate] as const;

export function transferDecision(f: TransferFacts) {
  const results = TRANSFER_GATES.map((g) => g(f));
  const blocking = results.find((r) => !r.allowed) ?? null;
  return { allowed: blocking === null, blocking, results };
}
