import type { VerificationLevel } from '../../db/types';
import { fromMinorUnits } from '../../money';
import type { ActionLevels, Attempt, Rule } from './types';
import { effectiveLevel, meetsLevel } from './verification-level';

const RULE = 'tenant_verification_level';

/**
 * The level the tenant requires for an investment of this amount: its `invest` level, raised
 * to `investAbove.level` when the amount is strictly above the threshold set for the deal's
 * currency (exactly at the threshold is not above it). A currency without a threshold uses
 * the `invest` level alone.
 */
export function requiredInvestLevel(levels: ActionLevels, attempt: Attempt): { required: VerificationLevel; threshold: string | null; above: boolean } {
  const threshold = levels.investAbove?.amounts[attempt.currency] ?? null;
  const above = threshold !== null && BigInt(attempt.amountMinor) > BigInt(threshold);
  const required = above && !meetsLevel(levels.invest, levels.investAbove!.level) ? levels.investAbove!.level : levels.invest;
  return { required, threshold, above };
}

/** The tenant's verification level for investing (settings.compliance.verificationLevels.invest / investAbove). */
export const tenantVerificationLevel: Rule = (facts, _deal, attempt, policy, now) => {
  const levels = policy.verificationLevels;
  const { required, threshold, above } = requiredInvestLevel(levels, attempt);
  const level = effectiveLevel(facts, now);
  const inputs = {
    action: 'invest',
    investLevel: levels.invest,
    investAbove: levels.investAbove ? { level: levels.investAbove.level, thresholdMinor: threshold } : null,
    amountMinor: attempt.amountMinor,
    currency: attempt.currency,
    aboveThreshold: above,
    required,
    profileLevel: facts.verificationLevel,
    effectiveLevel: level,
    screening: facts.screening,
  };
  if (required === 'none') return { rule: RULE, outcome: 'not_applicable', code: 'no_minimum', reason: 'The tenant sets no verification level for this investment', inputs };
  if (meetsLevel(level, required)) return { rule: RULE, outcome: 'pass', code: 'level_met', reason: `Verification level ${level} meets the tenant's ${required}`, inputs };
  const flagged = level !== facts.verificationLevel && facts.screening.openHits + facts.screening.confirmedHits > 0;
  const why = above ? `Investments above ${fromMinorUnits(threshold!, attempt.decimals)} ${attempt.currency} need verification level ${required}` : `Investing needs verification level ${required}`;
  return { rule: RULE, outcome: 'fail', code: 'compliance_verification_level_required', reason: `${why}; yours is ${level}${flagged ? ' while a screening match is under review or confirmed' : ''}`, inputs };
};
